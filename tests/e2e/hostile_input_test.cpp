// Hostile input, end to end: SQL-injection payloads, invalid UTF-8, NUL bytes, 1 MB strings and
// numbers like 1e309, NaN and -0 in every text and number field a user fills (the options of
// log, correct, retract and plan import, CSV cells, plan files). Each must be stored literally
// or refused with exit 1 and `plantrack: error:` lines, the database unchanged; never executed,
// never a crash, never an internal error (exit 3). What was stored is read back exactly through
// the storage layer, and as users and scripts see it (`--format json`, tables, status).

#include "cli_harness.hpp"
#include "model/units.hpp"
#include "engine/store.hpp"
#include "storage/storage.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <ostream>

using plantrack::testing::Cli;
using plantrack::testing::Result;

namespace {

// A payload is built once per process and shared: the 1 MB ones would otherwise be copied
// into every test case at start-up.
struct Payload {
  std::string name; // a gtest name: letters, digits, underscores
  std::shared_ptr<const std::string> data;
  const std::string& bytes() const { return *data; }
};

Payload make_payload(std::string name, std::string bytes) {
  return {std::move(name), std::make_shared<const std::string>(std::move(bytes))};
}

// What a failing case is called in gtest's and ctest's listings.
void PrintTo(const Payload& p, std::ostream* os) { *os << p.name; }

std::string repeat(const std::string& unit, size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) s += unit;
  return s;
}

constexpr size_t one_mb = 1 << 20;

// Text that could be taken for SQL, bytes that are not UTF-8, control characters, 1 MB, and
// words that look like numbers. argv cannot carry NUL; files can (file_text_payloads).
const std::vector<Payload>& text_payloads() {
  static const std::vector<Payload> payloads{
      make_payload("sql_drop_table", "'; DROP TABLE entries; --"),
      make_payload("sql_or_true", "\" OR 1=1 --"),
      make_payload("sql_union", "x') UNION SELECT hash FROM entries; --"),
      make_payload("utf8_invalid_bytes", "\xff\xfe\xfd"),
      make_payload("utf8_truncated", "\xe5\xb9\xb4\xe5\xb9"),
      make_payload("utf8_overlong", "\xc0\xaf"),
      make_payload("utf8_surrogate", "\xed\xa0\x80"),
      make_payload("utf8_continuation_run", "\xe4\x80\x80\x80\x80\x80\x80\x80"),
      make_payload("control_characters", "tab\there\r\nnext\x1b[31mred\x7f"),
      make_payload("one_mb_ascii", std::string(one_mb, 'x')),
      make_payload("one_mb_cjk", repeat("\xe6\x95\xb0", one_mb / 3)),
      make_payload("number_1e309", "1e309"),
      make_payload("number_NaN", "NaN"),
      make_payload("number_nan", "nan"),
      make_payload("number_inf", "inf"),
      make_payload("number_minus_zero", "-0"),
      make_payload("number_hex", "0x10"),
      make_payload("number_1e_minus_400", "1e-400"),
  };
  return payloads;
}

const std::vector<Payload>& file_text_payloads() {
  static const std::vector<Payload> payloads = [] {
    auto all = text_payloads();
    all.push_back(make_payload("nul_inside", std::string("a\0b", 3)));
    all.push_back(make_payload("nul_only", std::string(1, '\0')));
    return all;
  }();
  return payloads;
}

// What may be typed where a number belongs.
const std::vector<Payload>& number_payloads() {
  static const std::vector<Payload> payloads{
      make_payload("e309", "1e309"),
      make_payload("minus_e309", "-1e309"),
      make_payload("NaN", "NaN"),
      make_payload("nan", "nan"),
      make_payload("inf", "inf"),
      make_payload("minus_inf", "-inf"),
      make_payload("minus_zero", "-0"),
      make_payload("hex", "0x10"),
      make_payload("e_minus_400", "1e-400"),
      make_payload("e308", "1e308"),
      make_payload("denormal", "4.9e-324"),
      make_payload("one_mb_nines", std::string(one_mb, '9')),
      make_payload("one_mb_decimal", "1." + std::string(one_mb, '0')),
      make_payload("thousands_comma", "1,000"),
      make_payload("empty", ""),
      make_payload("sql_drop_table", "'; DROP TABLE entries; --"),
      make_payload("utf8_invalid_bytes", "\xff\xfe\xfd"),
  };
  return payloads;
}

// Plan files also meet YAML's own spellings of special numbers.
const std::vector<Payload>& plan_number_payloads() {
  static const std::vector<Payload> payloads = [] {
    auto all = number_payloads();
    all.push_back(make_payload("yaml_nan", ".nan"));
    all.push_back(make_payload("yaml_inf", ".inf"));
    all.push_back(make_payload("yaml_minus_inf", "-.inf"));
    return all;
  }();
  return payloads;
}

// The payload for a failure message: its size and its first bytes, escaped.
std::string shown(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 120)) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out + (s.size() > 120 ? "... (" + std::to_string(s.size()) + " bytes)" : "");
}

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ";" : "") + parts[i];
  return s;
}

std::string csv_cell(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A YAML double-quoted scalar holding `s`: quotes, backslashes and control characters escaped
// (YAML would fold a raw line break), every other byte as it is.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// The value a stored number must have when `typed` was accepted: what strtod reads (times the
// size of the unit typed, in the target's unit), and finite.
void expect_number_kept(const std::string& typed, const std::string& value_text, double value,
                        double scale = 1) {
  EXPECT_TRUE(value_text == typed) << "the value as typed is kept: " << shown(value_text);
  EXPECT_TRUE(std::isfinite(value)) << "a stored value is finite, not " << value;
  EXPECT_EQ(value, std::strtod(typed.c_str(), nullptr) * scale);
}

const std::string base_plan = plantrack::support::test_plan_header("h", "加固测试") + R"(  - id: t
    title: 企业数
    goal: g
    kind: level
    unit: 件
    rule: at_least
    value: 100
    deadline: 2020-12-31
    source: 企业数达到100件
  - id: c
    title: 退出企业
    goal: g
    kind: cumulative
    unit: 家
    rule: at_least
    value: 53
    deadline: 2020-12-31
    source: 完成淘汰退出一般制造业企业53家
  - id: money
    title: 技术交易额
    goal: g
    kind: level
    unit: 元
    rule: at_least
    value: 1000
    deadline: 2020-12-31
    source: 技术交易额达到1000元
)";

// Everything a command could change, read through the storage layer byte for byte.
struct Snapshot {
  std::vector<std::string> entries;
  std::vector<nlohmann::json> plans;
  std::vector<std::string> revisions;
  bool operator==(const Snapshot& o) const {
    return entries == o.entries && plans == o.plans && revisions == o.revisions;
  }
};

std::string describe(const plantrack::Entry& e) {
  std::string s;
  for (const std::string& f :
       {std::to_string(e.id), e.plan_id, e.target_id, e.period.text, e.value_text, e.unit,
        plantrack::format_number(e.value), e.recorded_by, e.source, e.note,
        std::to_string(e.provisional), std::string(plantrack::to_string(e.action)),
        e.corrects ? std::to_string(*e.corrects) : "-", e.reason, e.hash})
    s += f + '\x1e';
  for (const auto& n : e.entities) s += n + '\x1f';
  return s;
}

// A database with plan `h` (targets t in 件, c cumulative in 家, money in 元) and entry 1.
class Hostile : public ::testing::Test {
protected:
  Cli cli;

  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("h.yaml", base_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    r = cli.run({"log", "h/t", "42", "--period", "2017", "--source", "年报"});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // The command as typed. On PostgreSQL the harness would take `--by NAME` for the role to
  // connect as; here it reaches the CLI, which refuses --by there (SPEC §5).
  Result typed(const std::vector<std::string>& args) {
    if (!cli.postgres() || std::find(args.begin(), args.end(), "--by") == args.end())
      return cli.run(args);
    std::vector<std::string> argv{"plantrack", "--db", cli.db()};
    argv.insert(argv.end(), args.begin(), args.end());
    return cli.run_raw(argv);
  }

  std::unique_ptr<plantrack::storage::Storage> storage() {
    return plantrack::engine::open_store(cli.db());
  }

  Snapshot snapshot() {
    Snapshot s;
    auto db = storage();
    for (const auto& e : db->entries({})) s.entries.push_back(describe(e));
    for (const auto& p : db->list_plans()) {
      s.plans.push_back(db->find_plan(p.id)->document);
      for (const auto& r : db->plan_revisions(p.id))
        s.revisions.push_back(p.id + '\x1e' + std::to_string(r.revision) + '\x1e' +
                              r.imported_by + '\x1e' + r.reason);
    }
    return s;
  }

  // The common verdict on a command given hostile input: it stored something (exit 0), or it
  // refused with exit 1, `plantrack: error:` on stderr (`one_error`: exactly one error), nothing
  // on stdout and the database as it was. Either way the audit chain verifies. True if stored.
  bool stored_or_refused(const Result& r, const Snapshot& before, bool one_error) {
    EXPECT_TRUE(r.code == 0 || r.code == 1)
        << "exit " << r.code << ", stderr: " << shown(r.err);
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << shown(r.err);
    auto verified = cli.run({"audit", "verify"});
    EXPECT_EQ(verified.code, 0) << verified.err;
    if (r.code != 1) return r.code == 0;
    const std::string prefix = "plantrack: error: ";
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind(prefix, 0), 0u) << shown(r.err);
    EXPECT_EQ(r.err.back(), '\n');
    size_t errors = 0;
    for (size_t at = r.err.find(prefix); at != std::string::npos; at = r.err.find(prefix, at + 1))
      ++errors;
    if (one_error) {
      EXPECT_EQ(errors, 1u) << shown(r.err);
    }
    EXPECT_TRUE(snapshot() == before) << "a refused command changed the database";
    return false;
  }

  // The entry a successful command appended: the one after those in `before`.
  plantrack::Entry appended(const Snapshot& before) {
    auto entries = storage()->entries({});
    EXPECT_EQ(entries.size(), before.entries.size() + 1);
    return entries.back();
  }

  // The entry as `entries --format json` shows it; the listing itself must work.
  nlohmann::json shown_entry(std::int64_t id) {
    auto r = cli.run({"--format", "json", "entries"});
    EXPECT_EQ(r.code, 0) << "entries --format json: " << shown(r.err);
    if (r.code != 0) return nullptr;
    for (const auto& e : nlohmann::json::parse(r.out))
      if (e["id"] == id) return e;
    ADD_FAILURE() << "entries --format json lacks entry " << id;
    return nullptr;
  }

  // What people read must not fail on what was stored either.
  void expect_readable() {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"entries"}, {"status"}, {"--format", "json", "status"}}) {
      auto r = cli.run(args);
      EXPECT_EQ(r.code, 0) << args.back() << ": " << shown(r.err);
    }
  }
};

// ---- log, correct, retract: options and arguments on the command line ----

// Where a payload goes on the command line, and which stored field must hold it.
struct ArgField {
  std::string name;
  std::function<std::vector<std::string>(const std::string&)> args;
  std::function<std::string(const plantrack::Entry&)> stored;
  std::function<std::string(const nlohmann::json&)> json; // the same field in --format json
  bool number = false; // checked as a number (value_text, value) instead
  double scale = 1;     // a number's unit in the target's unit
};

std::string text_of(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::vector<ArgField> arg_fields() {
  auto log = [](std::vector<std::string> extra) {
    std::vector<std::string> args{"log", "h/t", "7", "--period", "2018"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  return {
      {"log_target", [](const std::string& p) { return std::vector<std::string>{"log", p, "7", "--period", "2018"}; },
       [](const plantrack::Entry& e) { return e.plan_id + "/" + e.target_id; },
       [](const nlohmann::json& e) { return text_of(e["target"]); }},
      {"log_unit", [](const std::string& p) { return std::vector<std::string>{"log", "h/t", "7", p, "--period", "2018"}; },
       [](const plantrack::Entry& e) { return e.unit; }, [](const nlohmann::json& e) { return text_of(e["unit"]); }},
      {"log_period", [](const std::string& p) { return std::vector<std::string>{"log", "h/t", "7", "--period", p}; },
       [](const plantrack::Entry& e) { return e.period.text; }, [](const nlohmann::json& e) { return text_of(e["period"]); }},
      {"log_source", [log](const std::string& p) { return log({"--source", p}); },
       [](const plantrack::Entry& e) { return e.source; }, [](const nlohmann::json& e) { return text_of(e["source"]); }},
      {"log_note", [log](const std::string& p) { return log({"--note", p}); },
       [](const plantrack::Entry& e) { return e.note; }, [](const nlohmann::json& e) { return text_of(e["note"]); }},
      {"log_by", [log](const std::string& p) {
         auto args = log({});
         args.insert(args.begin(), {"--by", p});
         return args;
       },
       [](const plantrack::Entry& e) { return e.recorded_by; }, [](const nlohmann::json& e) { return text_of(e["recorded_by"]); }},
      {"log_entity", [](const std::string& p) { return std::vector<std::string>{"log", "h/c", "1", "--period", "2018", "--entity", p}; },
       [](const plantrack::Entry& e) { return joined(e.entities); },
       [](const nlohmann::json& e) { return joined(e["entities"].get<std::vector<std::string>>()); }},
      {"correct_reason", [](const std::string& p) { return std::vector<std::string>{"correct", "1", "43", "--reason", p}; },
       [](const plantrack::Entry& e) { return e.reason; }, [](const nlohmann::json& e) { return text_of(e["reason"]); }},
      {"correct_note", [](const std::string& p) { return std::vector<std::string>{"correct", "1", "43", "--reason", "修订", "--note", p}; },
       [](const plantrack::Entry& e) { return e.note; }, [](const nlohmann::json& e) { return text_of(e["note"]); }},
      {"retract_reason", [](const std::string& p) { return std::vector<std::string>{"retract", "1", "--reason", p}; },
       [](const plantrack::Entry& e) { return e.reason; }, [](const nlohmann::json& e) { return text_of(e["reason"]); }},
  };
}

std::vector<ArgField> arg_number_fields() {
  return {
      {"log_value", [](const std::string& p) { return std::vector<std::string>{"log", "h/t", p, "--period", "2018"}; },
       nullptr, nullptr, true},
      {"log_value_in_a_converted_unit", [](const std::string& p) { return std::vector<std::string>{"log", "h/money", p, "亿元", "--period", "2018"}; },
       nullptr, nullptr, true, 1e8},
      {"correct_value", [](const std::string& p) { return std::vector<std::string>{"correct", "1", p, "--reason", "修订"}; },
       nullptr, nullptr, true},
  };
}

struct ArgCase {
  ArgField field;
  Payload payload;
};

std::vector<ArgCase> arg_cases() {
  std::vector<ArgCase> cases;
  for (const auto& f : arg_fields())
    for (const auto& p : text_payloads()) cases.push_back({f, p});
  for (const auto& f : arg_number_fields())
    for (const auto& p : number_payloads()) cases.push_back({f, p});
  return cases;
}

void PrintTo(const ArgCase& c, std::ostream* os) { *os << c.field.name << " <- " << c.payload.name; }

class HostileArgument : public Hostile, public ::testing::WithParamInterface<ArgCase> {};

TEST_P(HostileArgument, is_stored_literally_or_refused_cleanly) {
  const auto& [field, payload] = GetParam();
  auto before = snapshot();
  auto r = typed(field.args(payload.bytes()));
  // CLI11 reads an argument that starts with '-' and a letter as an option: a usage error.
  if (r.code == 2 && payload.bytes().size() > 1 && payload.bytes()[0] == '-' &&
      std::isalpha(static_cast<unsigned char>(payload.bytes()[1]))) {
    EXPECT_EQ(r.err.rfind("plantrack: error: ", 0), 0u) << shown(r.err);
    EXPECT_TRUE(snapshot() == before);
    return;
  }
  if (!stored_or_refused(r, before, true)) return;
  auto entry = appended(before);
  EXPECT_EQ(r.out, std::to_string(entry.id) + "\n");
  auto json = shown_entry(entry.id);
  if (field.number) {
    expect_number_kept(payload.bytes(), entry.value_text, entry.value, field.scale);
    if (!json.is_null()) {
      EXPECT_TRUE(json["value_text"] == entry.value_text) << "--format json shows another value_text";
      EXPECT_TRUE(json["value"].is_number()) << json["value"].dump();
    }
  } else {
    EXPECT_TRUE(field.stored(entry) == payload.bytes())
        << "stored " << shown(field.stored(entry)) << ", typed " << shown(payload.bytes());
    if (!json.is_null()) {
      EXPECT_TRUE(field.json(json) == payload.bytes())
          << "--format json shows " << shown(field.json(json)) << ", typed " << shown(payload.bytes());
    }
  }
  expect_readable();
}

INSTANTIATE_TEST_SUITE_P(Cli, HostileArgument, ::testing::ValuesIn(arg_cases()),
                         [](const ::testing::TestParamInfo<ArgCase>& param) {
                           return param.param.field.name + "_" + param.param.payload.name;
                         });

// ---- CSV import: every cell, NUL bytes included ----

const std::vector<std::string> csv_columns{"target", "period",      "value",       "unit",
                                           "source", "note",        "recorded_by", "provisional",
                                           "entities"};

struct CsvCase {
  std::string column;
  Payload payload;
};

std::vector<CsvCase> csv_cases() {
  std::vector<CsvCase> cases;
  for (const auto& column : csv_columns)
    for (const auto& p : column == "value" ? number_payloads() : file_text_payloads())
      cases.push_back({column, p});
  return cases;
}

void PrintTo(const CsvCase& c, std::ostream* os) { *os << c.column << " <- " << c.payload.name; }

class HostileCsvCell : public Hostile, public ::testing::WithParamInterface<CsvCase> {};

TEST_P(HostileCsvCell, is_stored_literally_or_refused_cleanly) {
  const auto& [column, payload] = GetParam();
  std::map<std::string, std::string> row{{"target", "h/c"},      {"period", "2018"},
                                         {"value", "5"},         {"unit", ""},
                                         {"source", "年报"},     {"note", "备注"},
                                         {"recorded_by", "统计科"}, {"provisional", "false"},
                                         {"entities", "甲企业"}};
  row[column] = payload.bytes();
  std::string csv = "target,period,value,unit,source,note,recorded_by,provisional,entities\n";
  for (size_t i = 0; i < csv_columns.size(); ++i)
    csv += (i ? "," : "") + csv_cell(row[csv_columns[i]]);
  csv += "\n";
  auto before = snapshot();
  auto r = cli.run({"import", cli.write("hostile.csv", csv)});
  if (!stored_or_refused(r, before, false)) return;
  auto entry = appended(before);
  auto json = shown_entry(entry.id);
  std::map<std::string, std::string> stored{
      {"target", entry.plan_id + "/" + entry.target_id},
      {"period", entry.period.text},
      {"unit", entry.unit},
      {"source", entry.source},
      {"note", entry.note},
      {"recorded_by", entry.recorded_by},
      {"provisional", entry.provisional ? "true" : "false"},
      {"entities", joined(entry.entities)}};
  if (column == "value") {
    expect_number_kept(payload.bytes(), entry.value_text, entry.value);
  } else {
    EXPECT_TRUE(stored[column] == payload.bytes())
        << "stored " << shown(stored[column]) << ", typed " << shown(payload.bytes());
    if (!json.is_null() && column != "provisional") {
      std::string seen = column == "entities"
                             ? joined(json["entities"].get<std::vector<std::string>>())
                             : text_of(json[column]);
      EXPECT_TRUE(seen == payload.bytes())
          << "--format json shows " << shown(seen) << ", typed " << shown(payload.bytes());
    }
  }
  expect_readable();
}

INSTANTIATE_TEST_SUITE_P(Import, HostileCsvCell, ::testing::ValuesIn(csv_cases()),
                         [](const ::testing::TestParamInfo<CsvCase>& param) {
                           return param.param.column + "_" + param.param.payload.name;
                         });

// ---- Plan files: every text field and the target's numbers ----

// A plan with every field a payload can go in; `{{name}}` is replaced by YAML text.
const char* plan_template = R"(id: {{id}}
title: {{title}}
issuer: {{issuer}}
jurisdiction: {{jurisdiction}}
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source:
  title: {{source_title}}
  date: 2016-01-01
  url: {{source_url}}
note: {{note}}
goals:
  - id: g
    title: {{goal_title}}
targets:
  - id: {{target_id}}
    title: {{target_title}}
    title_en: {{target_title_en}}
    goal: g
    kind: level
    unit: {{unit}}
    rule: at_least
    value: {{value}}
    deadline: 2020-12-31
    baseline:
      value: {{baseline_value}}
      date: 2015-12-31
    milestones:
      - date: 2018-12-31
        value: {{milestone_value}}
    thresholds:
      on_track: {{on_track}}
      at_risk: 0.5
    responsible: [{{responsible}}]
    support: [{{support}}]
    source: {{target_source}}
    note: {{target_note}}
tasks:
  - id: t1
    title: {{task_title}}
    source: 文件
)";

// Field name -> JSON pointer of the value in the stored plan document, and its default.
struct PlanField {
  std::string name;
  std::string pointer;
  std::string fallback; // YAML text
};

const std::vector<PlanField> plan_text_fields{
    {"id", "/id", "p"},
    {"title", "/title", "规划"},
    {"issuer", "/issuer", "区政府"},
    {"jurisdiction", "/jurisdiction", "测试区"},
    {"source_title", "/source/title", "文件"},
    {"source_url", "/source/url", "https://example.org/plan"},
    {"note", "/note", "说明"},
    {"goal_title", "/goals/0/title", "目标"},
    {"target_id", "/targets/0/id", "t"},
    {"target_title", "/targets/0/title", "企业数"},
    {"target_title_en", "/targets/0/title_en", "Enterprises"},
    {"unit", "/targets/0/unit", "家"},
    {"responsible", "/targets/0/responsible/0", "区科委"},
    {"support", "/targets/0/support/0", "区统计局"},
    {"target_source", "/targets/0/source", "达到100家"},
    {"target_note", "/targets/0/note", "说明"},
    {"task_title", "/tasks/0/title", "任务"},
};

const std::vector<PlanField> plan_number_fields{
    {"value", "/targets/0/value", "100"},
    {"baseline_value", "/targets/0/baseline/value", "50"},
    {"milestone_value", "/targets/0/milestones/0/value", "70"},
    {"on_track", "/targets/0/thresholds/on_track", "0.9"},
};

std::string plan_with(const std::string& field, const std::string& yaml) {
  std::string text = plan_template;
  for (const auto* fields : {&plan_text_fields, &plan_number_fields})
    for (const auto& f : *fields) {
      const std::string key = "{{" + f.name + "}}";
      const std::string value = f.name == field ? yaml : f.fallback;
      text.replace(text.find(key), key.size(), value);
    }
  return text;
}

struct PlanCase {
  PlanField field;
  Payload payload;
  bool number;
};

std::vector<PlanCase> plan_cases() {
  std::vector<PlanCase> cases;
  for (const auto& f : plan_text_fields)
    for (const auto& p : file_text_payloads()) cases.push_back({f, p, false});
  for (const auto& f : plan_number_fields)
    for (const auto& p : plan_number_payloads()) cases.push_back({f, p, true});
  return cases;
}

void PrintTo(const PlanCase& c, std::ostream* os) { *os << c.field.name << " <- " << c.payload.name; }

class HostilePlanField : public Hostile, public ::testing::WithParamInterface<PlanCase> {};

TEST_P(HostilePlanField, is_stored_literally_or_refused_cleanly) {
  const auto& [field, payload, number] = GetParam();
  // Text goes in quoted; numbers go in as they are written, for YAML to read.
  auto file = cli.write("plan.yaml", plan_with(field.name, number ? payload.bytes()
                                                                   : yaml_quoted(payload.bytes())));
  auto before = snapshot();
  auto r = cli.run({"plan", "import", file});
  if (!stored_or_refused(r, before, false)) return;
  const std::string id = field.name == "id" ? payload.bytes() : "p";
  auto stored = storage()->find_plan(id);
  ASSERT_TRUE(stored) << "plan import said " << shown(r.out) << " but no plan " << shown(id);
  const auto pointer = nlohmann::json::json_pointer(field.pointer);
  const nlohmann::json& value = stored->document.at(pointer);
  if (number) {
    ASSERT_TRUE(value.is_number()) << value.dump();
    EXPECT_TRUE(std::isfinite(value.get<double>()));
    EXPECT_EQ(value.get<double>(), std::strtod(payload.bytes().c_str(), nullptr));
  } else {
    ASSERT_TRUE(value.is_string());
    EXPECT_TRUE(value.get<std::string>() == payload.bytes())
        << "stored " << shown(value.get<std::string>()) << ", written " << shown(payload.bytes());
  }
  auto show = cli.run({"--format", "json", "plan", "show", id});
  EXPECT_EQ(show.code, 0) << "plan show --format json: " << shown(show.err);
  if (show.code == 0) {
    EXPECT_EQ(nlohmann::json::parse(show.out).at(pointer), value);
  }
  auto table = cli.run({"plan", "show", id});
  EXPECT_EQ(table.code, 0) << "plan show: " << shown(table.err);
  expect_readable();
}

INSTANTIATE_TEST_SUITE_P(PlanImport, HostilePlanField, ::testing::ValuesIn(plan_cases()),
                         [](const ::testing::TestParamInfo<PlanCase>& param) {
                           return param.param.field.name + "_" + param.param.payload.name;
                         });

// ---- Who imports a plan, and why it changed ----

class HostilePlanOption : public Hostile, public ::testing::WithParamInterface<Payload> {};

TEST_P(HostilePlanOption, by_is_stored_literally_or_refused_cleanly) {
  const auto& payload = GetParam();
  auto before = snapshot();
  auto r = typed({"--by", payload.bytes(), "plan", "import", cli.write("p.yaml", plan_with("", ""))});
  if (!stored_or_refused(r, before, true)) return;
  auto revisions = storage()->plan_revisions("p");
  ASSERT_EQ(revisions.size(), 1u);
  EXPECT_TRUE(revisions[0].imported_by == payload.bytes()) << shown(revisions[0].imported_by);
  auto listed = cli.run({"--format", "json", "plan", "list"});
  EXPECT_EQ(listed.code, 0) << "plan list --format json: " << shown(listed.err);
  expect_readable();
}

TEST_P(HostilePlanOption, reason_is_stored_literally_or_refused_cleanly) {
  const auto& payload = GetParam();
  ASSERT_EQ(cli.run({"plan", "import", cli.write("p.yaml", plan_with("", ""))}).code, 0);
  std::string changed = plan_with("", "");
  changed.replace(changed.find("title: 规划"), std::string("title: 规划").size(), "title: 新规划");
  auto before = snapshot();
  auto r = cli.run({"plan", "import", "--reason", payload.bytes(), cli.write("p.yaml", changed)});
  if (!stored_or_refused(r, before, true)) return;
  auto revisions = storage()->plan_revisions("p");
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_TRUE(revisions[1].reason == payload.bytes()) << shown(revisions[1].reason);
  auto shown_revisions = cli.run({"--format", "json", "plan", "show", "p", "--revisions"});
  EXPECT_EQ(shown_revisions.code, 0) << "plan show --revisions: " << shown(shown_revisions.err);
  expect_readable();
}

INSTANTIATE_TEST_SUITE_P(PlanImport, HostilePlanOption, ::testing::ValuesIn(text_payloads()),
                         [](const ::testing::TestParamInfo<Payload>& param) {
                           return param.param.name;
                         });

// ---- Names looked up, never stored: refused or answered, never an internal error ----

class HostileLookup : public Hostile, public ::testing::WithParamInterface<Payload> {};

TEST_P(HostileLookup, is_answered_or_refused_cleanly) {
  const auto& payload = GetParam();
  auto before = snapshot();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"entries", payload.bytes()},
        {"plan", "show", payload.bytes()},
        {"show", "h/" + payload.bytes()},
        {"status", payload.bytes()},
        {"audit", "completion", payload.bytes()},
        {"--as-of", payload.bytes(), "status"},
        {"--known-at", payload.bytes(), "status"}}) {
    SCOPED_TRACE(args.front() == "--as-of" || args.front() == "--known-at" ? args.front()
                                                                          : args.front() + " ...");
    auto r = cli.run(args);
    if (r.code == 2 && payload.bytes()[0] == '-') continue; // read as an option: a usage error
    stored_or_refused(r, before, true);
  }
}

INSTANTIATE_TEST_SUITE_P(Cli, HostileLookup, ::testing::ValuesIn(text_payloads()),
                         [](const ::testing::TestParamInfo<Payload>& param) {
                           return param.param.name;
                         });

// ---- Raw bytes a file can hold that the payloads above write escaped ----

TEST_F(Hostile, plan_file_with_a_raw_nul_byte_is_stored_literally_or_refused) {
  std::string text = plan_with("title", "\"a" + std::string(1, '\0') + "b\"");
  auto before = snapshot();
  auto r = cli.run({"plan", "import", cli.write("nul.yaml", text)});
  if (!stored_or_refused(r, before, false)) return;
  EXPECT_EQ(storage()->find_plan("p")->document["title"], std::string("a\0b", 3));
  expect_readable();
}

TEST_F(Hostile, json_plan_file_with_escaped_nul_and_huge_numbers_is_stored_or_refused) {
  const std::string json = R"({"id": "j", "title": "a\u0000b", "issuer": "x", "jurisdiction": "x",
    "period": {"start": "2016-01-01", "end": "2020-12-31"}, "cadence": "year",
    "source": {"title": "x", "date": "2016-01-01"}, "goals": [{"id": "g", "title": "x"}],
    "targets": [{"id": "t", "title": "x", "goal": "g", "kind": "level", "unit": "件",
      "rule": "at_least", "value": 1e400, "deadline": "2020-12-31", "source": "x"}]})";
  auto before = snapshot();
  auto r = cli.run({"plan", "import", cli.write("j.json", json)});
  if (!stored_or_refused(r, before, false)) return;
  EXPECT_TRUE(std::isfinite(storage()->find_plan("j")->document["targets"][0]["value"].get<double>()));
}

TEST_F(Hostile, csv_with_bare_carriage_returns_is_stored_or_refused_with_real_line_numbers) {
  // Old Mac line ends: a CR alone ends a record for the CSV parser.
  std::string csv = "target,period,value\rh/t,2018,1\rh/t,2018Q5,2\r";
  auto before = snapshot();
  auto r = cli.run({"import", cli.write("cr.csv", csv)});
  if (stored_or_refused(r, before, false)) return;
  EXPECT_EQ(r.err.find(":0:"), std::string::npos) << "an error names line 0: " << shown(r.err);
}

// PostgreSQL's text cannot hold a NUL byte: libpq cut such a cell short, and the stored entry
// no longer matched its hash. Neither store takes one; the file is refused whole.
TEST_F(Hostile, a_nul_byte_in_a_cell_is_refused_on_either_store) {
  auto before = snapshot();
  std::string csv = "target,period,value,source\nh/c,2018,5,年报\nh/c,2019,6,a";
  csv += std::string(1, '\0') + "b\n";
  auto r = cli.run({"import", cli.write("nul.csv", csv)});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("source 'a\\x00b' contains a NUL byte (at offset 1); remove it"),
            std::string::npos)
      << shown(r.err);
  EXPECT_NE(r.err.find("nul.csv:3"), std::string::npos) << shown(r.err);
  EXPECT_TRUE(snapshot() == before);
}

TEST_F(Hostile, sql_in_every_field_at_once_is_data_not_sql) {
  const std::string sql = "'); DELETE FROM entries; DROP TABLE plans; --";
  auto r = cli.run({"--by", sql, "log", "h/c", "1", "--period", "2018", "--source", sql, "--note",
                    sql, "--entity", sql});
  ASSERT_EQ(r.code, 0) << r.err;
  auto entries = storage()->entries({});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].recorded_by, sql);
  EXPECT_EQ(entries[1].source, sql);
  EXPECT_EQ(entries[1].note, sql);
  EXPECT_EQ(entries[1].entities, std::vector<std::string>{sql});
  EXPECT_EQ(storage()->list_plans().size(), 1u);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

} // namespace
