#include "server/web/pages.hpp"

#include "engine/accounts.hpp"
#include "engine/approval.hpp"
#include "engine/audit_trail.hpp"
#include "engine/authorize.hpp"
#include "engine/evaluate.hpp"
#include "engine/plans.hpp"
#include "engine/record.hpp"
#include "engine/reports.hpp"
#include "engine/scheduling.hpp"
#include "engine/scorecard.hpp"
#include "engine/work.hpp"
#include "errors.hpp"
#include "model/period.hpp"
#include "model/text.hpp"
#include "report/audit_view.hpp"
#include "report/chart.hpp"
#include "report/labels.hpp"
#include "report/markup.hpp"
#include "report/scorecard_view.hpp"
#include "report/status_view.hpp"
#include "server/web/form.hpp"
#include "server/web/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

namespace plantrack::server::web {
namespace {

using report::label;
using report::Lang;

// A page that cannot be shown as asked: its status and the message (the engine's, or ours).
struct PageError {
  int status;
  std::string message;
};

// A redirect after a successful write (POST-redirect-GET).
struct Redirect {
  std::string location;
};

std::string header(const Request& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? std::string() : it->second;
}

std::string query(const Request& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

// Compare two tokens in time that does not depend on where they differ.
bool same_token(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// 128 random bits as hex, for the sign-in form's token.
std::string random_token() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", device());
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view sep = "、") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

// Which field of an entry form an engine message is about, so that it is shown beside it.
std::string field_of(const std::string& message) {
  for (std::string_view f : {"period", "unit", "step", "peer", "evidence", "source", "entities"})
    if (message.find(std::string(f)) != std::string::npos) return std::string(f);
  return "value";
}

// The status word (for CSS) and label of a target's or task's status.
std::pair<std::string, std::string> status_of(const engine::ItemStatus& status, Lang lang) {
  if (auto s = std::get_if<assess::Status>(&status))
    return {std::string(to_string(*s)), std::string(label(lang, *s))};
  auto t = std::get<assess::TaskStatus>(status);
  return {std::string(to_string(t)), std::string(label(lang, t))};
}

// "2019Q2 4400 件 · 王五 2019-06-30 16:00" for an entry.
std::string entry_line(const Entry& e, Lang lang) {
  std::string value = e.state ? std::string(label(lang, *e.state))
                              : e.value_text + (e.unit.empty() ? "" : " " + e.unit);
  return fmt::format("{} {} · {} {}", e.period.text, value, e.recorded_by,
                     format_local(e.recorded_at, display_zone));
}

// One approval action as the pages show it: what, by whom, when, and why.
std::string action_line(const Approval& a, Lang lang) {
  return fmt::format("{} · {} · {}{}", label(lang, "action_" + std::string(to_string(a.action))),
                     a.by, format_local(a.at, display_zone),
                     a.reason.empty() ? "" : " · " + a.reason);
}

std::string item_href(const std::string& plan_id, const std::string& item_id) {
  return fmt::format("/plans/{}/items/{}", url_encode(plan_id), url_encode(item_id));
}

// What a request carries from page to page: the language, who is signed in.
struct Visit {
  const Request& request;
  Lang lang = Lang::zh;
  bool lang_chosen = false; // ?lang= given: remember it in a cookie
  std::optional<engine::SignedIn> session;
  Timestamp now{};
  Date today;
  Form form;

  const User& user() const { return session->user; }
  const std::string& by() const { return session->user.name; }
  bool official() const { return session && session->user.role == Role::official; }
  bool reviewer() const { return session && session->user.role == Role::reviewer; }
  bool admin() const { return session && session->user.role == Role::admin; }
};

// The labels of `lang` as a template object: {{t.KEY}}.
Data labels_of(Lang lang) {
  Data t;
  for (const auto& l : report::all_labels())
    t.set(std::string(l.key), std::string(lang == Lang::zh ? l.zh : l.en));
  return t;
}

Response page(const Visit& v, int status, const std::string& title, const std::string& content,
              const std::string& error = {}) {
  Data d;
  d.set("t", labels_of(v.lang));
  d.set("html_lang", v.lang == Lang::zh ? "zh-CN" : "en");
  d.set("title", title);
  d.set("content", content);
  if (!error.empty()) d.set("error", error);
  auto done = query(v.request, "done");
  if (!done.empty() && done.size() < 40 &&
      std::all_of(done.begin(), done.end(),
                  [](unsigned char c) { return c == '_' || std::isalpha(c); }))
    d.set("flash", std::string(label(v.lang, "web_done_" + done)));
  d.set("other_lang", v.lang == Lang::zh ? "en" : "zh");
  d.set("other_lang_label", v.lang == Lang::zh ? "English" : "中文");
  std::string href = v.request.path + "?";
  for (const auto& [key, value] : v.request.query)
    if (key != "lang" && key != "done") href += url_encode(key) + "=" + url_encode(value) + "&";
  d.set("lang_href", href + "lang=" + (v.lang == Lang::zh ? "en" : "zh"));
  if (v.session) {
    Data user;
    user.set("name", v.by());
    user.set("role", std::string(label(v.lang, "role_" + std::string(to_string(v.user().role)))));
    user.set("csrf", v.session->csrf);
    user.set("official", v.official());
    user.set("admin", v.admin());
    d.set("user", user);
  }
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = render("layout", d);
  return r;
}

// A template's data with the labels and the session's CSRF token already in.
Data data_for(const Visit& v) {
  Data d;
  d.set("t", labels_of(v.lang));
  if (v.session) d.set("csrf", v.session->csrf);
  return d;
}

Response message_page(const Visit& v, int status, const std::string& title,
                      const std::string& message, const std::string& back = "/") {
  auto d = data_for(v);
  d.set("message", message);
  d.set("back", back);
  return page(v, status, title, render("message", d));
}

std::string t(const Visit& v, std::string_view key) { return std::string(label(v.lang, key)); }

// The period approvals of `plan_id` that lock an org's entries now, as lines naming who gave
// them (for the dashboard and the item page).
std::vector<std::string> locks_of(engine::Store& store, const std::string& plan_id,
                                  const std::vector<std::string>& orgs, const Visit& v) {
  std::vector<std::string> out;
  for (const auto& p : engine::period_approvals(store, plan_id, v.now)) {
    if (p.state != ApprovalState::approved || p.actions.empty()) continue;
    if (!orgs.empty() && std::find(orgs.begin(), orgs.end(), p.org) == orgs.end()) continue;
    out.push_back(
        fmt::format("{} {} · {}", p.org, p.period.text, action_line(p.actions.back(), v.lang)));
  }
  return out;
}

std::vector<std::string> lead_orgs_of(const engine::TargetDetail& d) {
  return d.target.responsible;
}
std::vector<std::string> lead_orgs_of(const engine::TaskDetail& d) { return d.task.responsible; }

// --- pages ---

Response login_page(const Visit& v, int status, const std::string& user_name,
                    const std::string& error, const std::string& token) {
  auto d = data_for(v);
  d.set("login_csrf", token);
  d.set("user_name", user_name);
  auto r = page(v, status, t(v, "web_sign_in"), render("login", d), error);
  r.headers.emplace_back("Set-Cookie", fmt::format("{}={}; Path=/login; HttpOnly; "
                                                   "SameSite=Strict; Max-Age=3600",
                                                   login_cookie, token));
  return r;
}

Response work_page(const Visit& v, engine::Store& store) {
  auto work = engine::my_work(store, v.by(), v.today, v.now, v.now);
  auto d = data_for(v);
  d.set("orgs", joined(work.user.orgs));
  d.set("as_of", format_date(work.as_of));
  List items;
  for (const auto& w : work.items) {
    Data i;
    auto ref = w.plan_id + "/" + w.item_id;
    i.set("ref", ref);
    i.set("title", v.lang == Lang::en && !w.title_en.empty() ? w.title_en : w.title);
    i.set("href", item_href(w.plan_id, w.item_id));
    i.set("form_href", "/entries/new?ref=" + url_encode(ref));
    i.set("org", w.org);
    i.set("role", t(v, w.role == engine::Role::lead ? "role_lead" : "role_support"));
    auto [name, text] = status_of(w.status, v.lang);
    i.set("status_name", name);
    i.set("status", text);
    if (w.due) i.set("due", w.due->text);
    std::vector<std::string> late;
    for (const auto& p : w.overdue) late.push_back(p.text);
    if (!late.empty()) i.set("overdue", joined(late, ", "));
    if (w.last) i.set("last", entry_line(*w.last, v.lang));
    items.push_back(i);
  }
  d.set("has_items", !items.empty());
  d.set("items", items);
  return page(v, 200, t(v, "web_my_work"), render("work", d));
}

// The entry form of `ref`, filled with what was sent (`form`) and the engine's message beside
// the field it is about.
Response entry_form(const Visit& v, engine::Store& store, const std::string& ref_text,
                    const Form& form, int status, const std::string& error) {
  auto ref = parse_target_ref(ref_text);
  auto detail =
      engine::inspect_item(store, {ref.plan_id, ref.target_id, std::nullopt}, v.today, v.now);
  auto d = data_for(v);
  std::string ref_plain = ref.plan_id + "/" + ref.target_id;
  d.set("ref", ref_plain);
  d.set("item_href", item_href(ref.plan_id, ref.target_id));
  for (std::string f : {"value", "unit", "period", "source", "note", "evidence", "entities"})
    d.set(f, form.text(f));
  d.set("provisional", form.text("provisional") == "1");
  if (!error.empty()) d.set("err_" + field_of(error), error);
  std::string title;
  if (auto* task = std::get_if<engine::TaskDetail>(&detail)) {
    title = task->task.title;
    d.set("task", true);
    List states;
    for (auto s :
         {TaskState::not_started, TaskState::in_progress, TaskState::done, TaskState::suspended}) {
      Data o;
      o.set("value", std::string(to_string(s)));
      o.set("label", std::string(label(v.lang, s)));
      o.set("selected", form.text("state") == to_string(s));
      states.push_back(o);
    }
    d.set("states", states);
    List steps;
    for (const auto& s : task->task.steps) {
      Data o;
      o.set("value", s.id);
      o.set("label", fmt::format("{} {}", format_date(s.date), s.title));
      o.set("selected", form.text("step") == s.id);
      steps.push_back(o);
    }
    d.set("has_steps", !steps.empty());
    d.set("steps", steps);
    auto last = effective_entries(task->entries, v.now);
    if (!last.empty()) d.set("last", entry_line(last.back(), v.lang));
  } else {
    const auto& target = std::get<engine::TargetDetail>(detail);
    title = report::title_in(v.lang, target.target);
    if (!form.has("unit")) d.set("unit", target.target.unit);
    if (target.target.kind == Kind::ratio) {
      List parts;
      for (std::string p : {"", "numerator", "denominator"}) {
        Data o;
        o.set("value", p);
        o.set("label", p.empty() ? t(v, "web_ratio_itself") : t(v, p));
        o.set("selected", form.text("part") == p);
        parts.push_back(o);
      }
      d.set("has_parts", true);
      d.set("parts", parts);
    }
    if (target.target.peers) {
      List peers;
      for (const auto& p : target.target.peers->among) {
        Data o;
        o.set("value", p);
        o.set("label", p);
        o.set("selected", form.text("peer") == p);
        peers.push_back(o);
      }
      d.set("has_peers", true);
      d.set("peers", peers);
    }
    auto last = effective_entries(target.entries, v.now);
    if (!last.empty()) d.set("last", entry_line(last.back(), v.lang));
  }
  d.set("item_title", title);
  // A period locked for the item's lead orgs refuses the entry: say so before it is typed.
  List locks;
  auto leads = std::visit([](const auto& x) { return lead_orgs_of(x); }, detail);
  for (const auto& l : locks_of(store, ref.plan_id, leads, v)) locks.push_back(Data(l));
  d.set("locks", locks);
  return page(v, status, t(v, "web_entry_form") + " · " + title, render("entry_form", d), error);
}

EntryInput entry_input(const Visit& v) {
  const auto& f = v.form;
  EntryInput input;
  input.ref = f.text("ref");
  if (auto part = f.text("part"); !part.empty()) input.ref += ":" + part;
  input.value = f.has("state") ? f.text("state") : f.text("value");
  input.unit = f.text("unit");
  input.period = f.text("period");
  input.source = f.text("source");
  input.note = f.text("note");
  input.evidence = f.lines("evidence");
  input.entities = f.lines("entities");
  input.provisional = f.text("provisional") == "1";
  input.peer = f.text("peer");
  input.step = f.text("step");
  input.recorded_by = v.by();
  return input;
}

Response plans_page(const Visit& v, engine::Store& store) {
  auto d = data_for(v);
  List plans;
  for (const auto& p : engine::list_plans(store)) {
    Data o;
    o.set("id", p.id);
    o.set("title", p.title);
    o.set("href", "/plans/" + url_encode(p.id));
    o.set("span", fmt::format("{} · {}", p.issuer, format_local(p.imported_at, display_zone)));
    plans.push_back(o);
  }
  d.set("plans", plans);
  return page(v, 200, t(v, "web_plans"), render("plans", d));
}

void add_counts(std::map<std::string, std::map<std::string, int>>& by, const std::string& key,
                const std::string& status) {
  by[key][status] += 1;
}

List counts_of(const std::map<std::string, int>& counts, const Visit& v,
               const std::map<std::string, std::string>& labels) {
  List out;
  for (const auto& [name, n] : counts) {
    Data c;
    c.set("name", name);
    c.set("label", labels.count(name) ? labels.at(name) : t(v, name));
    c.set("n", std::to_string(n));
    out.push_back(c);
  }
  return out;
}

Response dashboard_page(const Visit& v, engine::Store& store, const std::string& plan_id) {
  auto detail = engine::inspect_plan(store, plan_id, v.today, v.now);
  const auto& plan = detail.plan;
  auto d = data_for(v);
  d.set("plan_id", plan.id);
  d.set("as_of", format_date(detail.as_of));
  d.set("span", fmt::format("{} – {}", format_date(plan.start), format_date(plan.end)));
  auto locks = locks_of(store, plan.id, {}, v);
  List lock_list;
  for (const auto& l : locks) {
    Data o;
    o.set("text", l);
    lock_list.push_back(o);
  }
  d.set("locks_any", !locks.empty());
  d.set("locks", lock_list);

  std::map<std::string, std::string> status_labels; // css name -> label
  std::map<std::string, std::map<std::string, int>> by_goal;
  List trouble, targets, tasks;
  std::vector<const engine::TargetDetail*> ordered;
  for (const auto& td : detail.targets) ordered.push_back(&td);
  std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) {
    return assess::in_trouble(a->result.status) && !assess::in_trouble(b->result.status);
  });
  for (const auto* td : ordered) {
    const auto& tg = td->target;
    std::string name(to_string(td->result.status));
    status_labels[name] = std::string(label(v.lang, td->result.status));
    add_counts(by_goal, tg.goal, name);
    Data o;
    o.set("title", report::title_in(v.lang, tg));
    o.set("href", item_href(plan.id, tg.id));
    o.set("status_name", name);
    o.set("status", status_labels[name]);
    if (!td->result.flags.empty())
      o.set("flags", report::flags_cell(tg, td->result.flags, v.lang, "、"));
    o.set("current", td->result.current
                         ? report::format_value(*td->result.current, tg.precision) + " " + tg.unit
                         : std::string("-"));
    o.set("target",
          td->result.has_target
              ? report::format_value(td->result.target_value, tg.precision) + " " + tg.unit
              : std::string("-"));
    o.set("deadline", format_date(tg.deadline));
    if (tg.kind != Kind::milestone) o.set("chart", report::target_chart(*td, v.lang));
    if (assess::in_trouble(td->result.status)) trouble.push_back(o);
    targets.push_back(o);
  }
  std::vector<const engine::TaskDetail*> task_order;
  for (const auto& tk : detail.tasks) task_order.push_back(&tk);
  std::stable_sort(task_order.begin(), task_order.end(), [](auto* a, auto* b) {
    return assess::in_trouble(a->result.status) && !assess::in_trouble(b->result.status);
  });
  for (const auto* tk : task_order) {
    std::string name = "task_" + std::string(to_string(tk->result.status));
    status_labels[name] = std::string(label(v.lang, tk->result.status));
    add_counts(by_goal, tk->task.goal, name);
    Data o;
    o.set("title", tk->task.title);
    o.set("href", item_href(plan.id, tk->task.id));
    o.set("status_name", std::string(to_string(tk->result.status)));
    o.set("status", status_labels[name]);
    o.set("deadline", tk->task.deadline ? format_date(*tk->task.deadline) : std::string("-"));
    o.set("note", tk->result.note.empty() ? std::string("-") : tk->result.note);
    if (assess::in_trouble(tk->result.status)) trouble.push_back(o);
    tasks.push_back(o);
  }
  List goals;
  for (const auto& g : plan.goals) {
    if (!by_goal.count(g.id)) continue;
    Data o;
    o.set("title", g.title);
    o.set("counts", counts_of(by_goal[g.id], v, status_labels));
    goals.push_back(o);
  }
  if (by_goal.count("")) {
    Data o;
    o.set("title", "-");
    o.set("counts", counts_of(by_goal[""], v, status_labels));
    goals.push_back(o);
  }
  List orgs;
  for (const auto& card : engine::scorecard_of({detail}, engine::default_grace_days).orgs) {
    std::map<std::string, int> counts;
    for (const auto& [s, n] : card.target_statuses) counts[std::string(to_string(s))] += n;
    for (const auto& [s, n] : card.task_statuses) counts["task_" + std::string(to_string(s))] += n;
    Data o;
    o.set("org", card.org);
    o.set("counts", counts_of(counts, v, status_labels));
    orgs.push_back(o);
  }
  d.set("trouble", trouble);
  d.set("goals", goals);
  d.set("orgs", orgs);
  d.set("targets", targets);
  d.set("tasks", tasks);
  d.set("has_tasks", !tasks.empty());
  return page(v, 200, plan.title, render("dashboard", d));
}

Data fact(const std::string& key, const std::string& value) {
  Data f;
  f.set("key", key);
  f.set("value", value);
  return f;
}

Response item_page(const Visit& v, engine::Store& store, const std::string& plan_id,
                   const std::string& item_id, int status = 200, const std::string& error = {}) {
  auto detail = engine::inspect_item(store, {plan_id, item_id, std::nullopt}, v.today, v.now);
  auto d = data_for(v);
  d.set("ref", plan_id + "/" + item_id);
  d.set("plan_href", "/plans/" + url_encode(plan_id));
  d.set("may_log", v.official());
  d.set("form_href", "/entries/new?ref=" + url_encode(plan_id + "/" + item_id));
  List facts;
  const std::vector<Entry>* entries = nullptr;
  std::string title;
  bool task = false;
  std::vector<std::string> lead_orgs;
  if (auto* tk = std::get_if<engine::TaskDetail>(&detail)) {
    task = true;
    entries = &tk->entries;
    title = tk->task.title;
    lead_orgs = tk->task.responsible;
    d.set("plan_title", tk->plan.title);
    d.set("status_name", std::string(to_string(tk->result.status)));
    d.set("status", std::string(label(v.lang, tk->result.status)));
    if (!tk->result.flags.empty())
      d.set("flags", report::task_flags_cell(tk->result.flags, v.lang, "、"));
    facts.push_back(fact(t(v, "deadline"),
                         tk->task.deadline ? format_date(*tk->task.deadline) : std::string("-")));
    facts.push_back(fact(t(v, "web_orgs"),
                         joined(tk->task.responsible) + (tk->task.support.empty()
                                                             ? ""
                                                             : " · " + t(v, "role_support") + " " +
                                                                   joined(tk->task.support))));
    if (tk->result.state)
      facts.push_back(fact(t(v, "state"), std::string(label(v.lang, *tk->result.state))));
    facts.push_back(fact(t(v, "web_narrative"), tk->result.note.empty() ? "-" : tk->result.note));
    List steps;
    for (const auto& s : tk->result.steps) {
      Data o;
      o.set("text", fmt::format("{} {} · {}", format_date(s.step.date), s.step.title,
                                s.completed ? t(v, "completed_on") + " " + format_date(*s.completed)
                                            : (s.late ? t(v, "step_late") : std::string("-"))));
      steps.push_back(o);
    }
    d.set("has_steps", !steps.empty());
    d.set("steps", steps);
    List evidence;
    for (const auto& e : tk->result.evidence) evidence.push_back(Data(e));
    d.set("has_evidence", !evidence.empty());
    d.set("evidence", evidence);
  } else {
    const auto& tg = std::get<engine::TargetDetail>(detail);
    const auto& a = tg.result;
    entries = &tg.entries;
    title = report::title_in(v.lang, tg.target);
    lead_orgs = tg.target.responsible;
    d.set("plan_title", tg.plan.title);
    d.set("status_name", std::string(to_string(a.status)));
    d.set("status", std::string(label(v.lang, a.status)));
    if (!a.flags.empty()) d.set("flags", report::flags_cell(tg.target, a.flags, v.lang, "、"));
    auto value = [&](std::optional<double> x) {
      return x ? report::format_value(*x, tg.target.precision) + " " + tg.target.unit
               : std::string("-");
    };
    facts.push_back(
        fact(t(v, "web_target_value"), a.has_target ? value(a.target_value) : std::string("-")));
    facts.push_back(fact(t(v, "deadline"), format_date(tg.target.deadline)));
    facts.push_back(
        fact(t(v, "current"),
             value(a.current) + (a.current_period ? " (" + *a.current_period + ")" : "")));
    facts.push_back(fact(t(v, "expected"), value(a.expected)));
    facts.push_back(fact(t(v, "forecast"), value(a.forecast)));
    facts.push_back(fact(t(v, "web_needed_pace"),
                         a.needed_per_year ? value(a.needed_per_year) + " / " + t(v, "web_year")
                                           : std::string("-")));
    facts.push_back(fact(t(v, "web_orgs"),
                         joined(tg.target.responsible) + (tg.target.support.empty()
                                                              ? ""
                                                              : " · " + t(v, "role_support") + " " +
                                                                    joined(tg.target.support))));
    if (tg.target.kind != Kind::milestone) d.set("chart", report::target_chart(tg, v.lang));
  }
  for (const auto& l : locks_of(store, plan_id, lead_orgs, v))
    facts.push_back(fact(t(v, "web_locked_periods"), l));
  d.set("facts", facts);

  std::set<std::int64_t> replaced;
  std::map<std::int64_t, std::int64_t> replaced_by;
  for (const auto& e : *entries)
    if (e.corrects) {
      replaced.insert(*e.corrects);
      replaced_by[*e.corrects] = e.id;
    }
  List rows;
  for (const auto& e : *entries) {
    Data r;
    r.set("id", std::to_string(e.id));
    r.set("period", e.period.text);
    bool retraction = e.action == Action::retract;
    std::string value = retraction ? t(v, "web_retracted")
                        : e.state  ? std::string(label(v.lang, *e.state))
                                   : e.value_text + (e.unit.empty() ? "" : " " + e.unit);
    if (!e.part && !e.peer.empty()) value += " (" + e.peer + ")";
    if (e.part) value += " (" + t(v, std::string(to_string(*e.part))) + ")";
    if (e.provisional) value += " · " + t(v, "provisional");
    r.set("value", value);
    if (e.corrects)
      r.set("replaced", fmt::format("{} #{}", t(v, "corrects"), *e.corrects));
    else if (replaced_by.count(e.id))
      r.set("replaced", fmt::format("{} #{}", t(v, "corrected_by"), replaced_by[e.id]));
    r.set("by", e.recorded_by);
    r.set("at", format_local(e.recorded_at, display_zone));
    std::string note = e.note;
    if (!e.source.empty()) note += (note.empty() ? "" : " · ") + e.source;
    r.set("note", note);
    if (!e.reason.empty()) r.set("reason", e.reason);
    if (!e.evidence.empty()) r.set("row_evidence", joined(e.evidence, "; "));
    bool current = !retraction && !replaced.count(e.id);
    r.set("row_class", retraction ? "retracted" : current ? "current" : "superseded");
    r.set("current", current && v.official());
    r.set("task_row", task);
    r.set("value_name", task ? "state" : "value");
    r.set("value_label", t(v, task ? "state" : "web_value"));
    rows.push_back(r);
  }
  d.set("has_entries", !rows.empty());
  d.set("entries", rows);
  return page(v, status, title, render("item", d), error);
}

Response approvals_page(const Visit& v, engine::Store& store, std::string plan_id, int status = 200,
                        const std::string& error = {}, const std::string& period = {}) {
  auto d = data_for(v);
  auto plans = engine::list_plans(store);
  if (plan_id.empty() && !plans.empty()) plan_id = plans.front().id;
  List plan_list;
  for (const auto& p : plans) {
    Data o;
    o.set("id", p.id);
    o.set("title", p.title);
    o.set("selected", p.id == plan_id);
    plan_list.push_back(o);
  }
  d.set("plans", plan_list);
  if (!plan_id.empty()) {
    auto periods = engine::period_approvals(store, plan_id, v.now);
    d.set("plan_id", plan_id);
    d.set("period", period);
    d.set("may_submit", v.official());
    List orgs;
    if (v.official())
      for (const auto& o : v.user().orgs) orgs.push_back(Data(o));
    d.set("orgs", orgs);
    List rows;
    for (const auto& p : periods) {
      Data r;
      r.set("plan", plan_id);
      r.set("org", p.org);
      r.set("period", p.period.text);
      r.set("key", url_encode(p.org + "-" + p.period.text));
      std::string state(to_string(p.state));
      r.set("state_name", state);
      r.set("state", t(v, "approval_" + state));
      if (p.state == ApprovalState::approved && !p.actions.empty())
        r.set("locked", t(v, "web_locked") + " · " + action_line(p.actions.back(), v.lang));
      List actions;
      for (const auto& a : p.actions) actions.push_back(Data(action_line(a, v.lang)));
      r.set("actions", actions);
      r.set("can_review", v.reviewer() && p.state == ApprovalState::submitted);
      r.set("can_unapprove", v.reviewer() && p.state == ApprovalState::approved);
      bool mine = v.official() && std::find(v.user().orgs.begin(), v.user().orgs.end(), p.org) !=
                                      v.user().orgs.end();
      r.set("can_resubmit", mine && p.state == ApprovalState::returned);
      r.set("csrf", v.session->csrf);
      rows.push_back(r);
    }
    d.set("has_periods", !rows.empty());
    d.set("periods", rows);
  }
  return page(v, status, t(v, "web_approvals"), render("approvals", d), error);
}

Response scorecard_page(const Visit& v, engine::Store& store) {
  auto d = data_for(v);
  List sections;
  for (const auto& p : engine::list_plans(store)) {
    auto detail = engine::inspect_plan(store, p.id, v.today, v.now);
    Data s;
    s.set("heading", p.title);
    s.set("html", report::org_section_html(detail, v.lang));
    sections.push_back(s);
  }
  d.set("intro", t(v, "web_scorecard_intro"));
  d.set("sections", sections);
  return page(v, 200, t(v, "web_scorecard"), render("sections", d));
}

Response audit_page(const Visit& v, engine::Store& store) {
  auto check = engine::verify_chain(store, v.by(), v.now);
  auto d = data_for(v);
  List sections;
  {
    Data s;
    s.set("heading", t(v, "web_chain"));
    bool ok = !check.chain.broken && !check.approvals.broken_at;
    std::string text;
    if (check.chain.broken)
      text = fmt::format("{} #{}: {}", t(v, "web_chain_broken"), check.chain.broken->entry_id,
                         check.chain.broken->why);
    else if (check.approvals.broken_at)
      text = fmt::format("{} #{}: {}", t(v, "web_approval_chain_broken"),
                         *check.approvals.broken_at, check.approvals.why);
    else
      text = fmt::format("{}: {} {}, {} {}; {} {}", t(v, "web_chain_verified"), t(v, "entries"),
                         check.chain.entries, t(v, "web_approval_actions"),
                         check.approvals.approvals, t(v, "web_chain_head"), check.chain.head);
    for (const auto& u : check.unfinished)
      text += fmt::format("\n{} {}", t(v, "web_unfinished_import"), u.id);
    s.set("status", ok ? t(v, "web_verified_ok") : t(v, "web_verified_failed"));
    s.set("status_class", ok ? "ok" : "bad");
    s.set("text", text);
    sections.push_back(s);
  }
  for (const auto& p : engine::list_plans(store)) {
    auto completion = engine::audit_completion(store, p.id, v.today, v.now, v.by(), v.now);
    Data s;
    s.set("heading", t(v, "completion_audit") + " · " + p.title);
    s.set("text", report::completion_text(completion, v.lang, "、"));
    sections.push_back(s);
  }
  d.set("sections", sections);
  return page(v, 200, t(v, "web_audit"), render("sections", d));
}

Response reports_page(const Visit& v, engine::Store& store) {
  engine::authorize(store, v.by(), access::Action::read, {}, v.now);
  auto d = data_for(v);
  List rows;
  for (const auto& r : engine::archived_reports(store)) {
    Data o;
    o.set("plan", r.plan_id);
    o.set("period", r.period);
    auto slash = r.path.rfind('/');
    o.set("name", slash == std::string::npos ? r.path : r.path.substr(slash + 1));
    o.set("at", format_local(r.generated_at, display_zone));
    o.set("by", r.generated_by);
    o.set("sha256", r.sha256);
    bool ok = false;
    try {
      auto check = engine::check_report_file(store, r.path);
      ok = check.match && check.match->id == r.id;
    } catch (const InputError&) {
    }
    if (ok) o.set("href", "/reports/" + std::to_string(r.id));
    o.set("verified", t(v, ok ? "web_verified_ok" : "web_report_changed"));
    o.set("verify_class", ok ? "ok" : "bad");
    rows.push_back(o);
  }
  d.set("has_reports", !rows.empty());
  d.set("reports", rows);
  return page(v, 200, t(v, "web_reports"), render("reports", d));
}

Response report_file(const Visit& v, engine::Store& store, std::string_view id_text) {
  engine::authorize(store, v.by(), access::Action::read, {}, v.now);
  for (const auto& r : engine::archived_reports(store)) {
    if (std::to_string(r.id) != id_text) continue;
    auto check = engine::check_report_file(store, r.path);
    if (!check.match || check.match->id != r.id) throw PageError{409, t(v, "web_report_changed")};
    std::ifstream in(r.path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    Response resp;
    resp.content_type = r.format == "html"   ? "text/html; charset=utf-8"
                        : r.format == "csv"  ? "text/csv; charset=utf-8"
                        : r.format == "json" ? "application/json"
                                             : "text/markdown; charset=utf-8";
    resp.body = content.str();
    auto slash = r.path.rfind('/');
    auto name = slash == std::string::npos ? r.path : r.path.substr(slash + 1);
    resp.headers.emplace_back("Content-Disposition",
                              "attachment; filename*=UTF-8''" + url_encode(name));
    resp.headers.emplace_back("X-Report-SHA256", r.sha256);
    return resp;
  }
  throw PageError{404, t(v, "web_no_such_report")};
}

Response users_page(const Visit& v, engine::Store& store, int status = 200,
                    const std::string& error = {}) {
  engine::authorize(store, v.by(), access::Action::manage_users, {}, v.now);
  auto d = data_for(v);
  List users;
  for (const auto& u : engine::list_users(store)) {
    Data o;
    o.set("name", u.name);
    o.set("role", t(v, "role_" + std::string(to_string(u.role))));
    o.set("orgs", joined(u.orgs));
    o.set("plans", joined(u.plans));
    o.set("disabled", u.disabled_at ? format_local(*u.disabled_at, display_zone) : "");
    users.push_back(o);
  }
  d.set("users", users);
  List roles;
  for (auto r : {Role::official, Role::reviewer, Role::leader, Role::auditor, Role::admin}) {
    Data o;
    o.set("value", std::string(to_string(r)));
    o.set("label", t(v, "role_" + std::string(to_string(r))));
    o.set("selected", v.form.text("role") == to_string(r));
    roles.push_back(o);
  }
  d.set("roles", roles);
  if (!error.empty()) {
    d.set("form_name", v.form.text("name"));
    d.set("form_orgs", v.form.text("orgs"));
    d.set("form_plans", v.form.text("plans"));
  }
  return page(v, status, t(v, "web_users"), render("users", d), error);
}

Response admin_plans_page(const Visit& v, engine::Store& store, int status = 200,
                          const std::vector<std::string>& problems = {}) {
  engine::authorize(store, v.by(), access::Action::manage_plans, {}, v.now);
  auto d = data_for(v);
  List plans;
  for (const auto& p : engine::list_plans(store)) {
    Data o;
    o.set("id", p.id);
    o.set("title", p.title);
    o.set("href", "/plans/" + url_encode(p.id));
    plans.push_back(o);
  }
  d.set("plans", plans);
  List list;
  for (const auto& p : problems) list.push_back(Data(p));
  d.set("problems_any", !problems.empty());
  d.set("problems", list);
  if (!problems.empty()) d.set("reason", v.form.text("reason"));
  return page(v, status, t(v, "web_plan_import"), render("admin_plans", d));
}

// The status of an engine refusal, as the API maps it.
int status_of_error(const std::exception& e) {
  if (dynamic_cast<const PermissionDenied*>(&e)) return 403;
  if (dynamic_cast<const NotFound*>(&e)) return 404;
  if (dynamic_cast<const Conflict*>(&e)) return 409;
  return 400;
}

std::string message_of(const InputError& e) {
  if (auto* all = dynamic_cast<const InputErrors*>(&e)) return joined(all->lines(), "; ");
  return e.what();
}

Response see_other(std::string location) {
  Response r;
  r.status = 303;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Location", location);
  r.body = "<!DOCTYPE html><title>303</title><a href=\"" + report::html_escape(location) + "\">" +
           report::html_escape(location) + "</a>\n";
  return r;
}

std::string home_of(const Visit& v) { return v.official() ? "/work" : "/plans"; }

// A redirect to `path` with the flash message `done` (a label key after "web_done_").
Redirect done(const std::string& path, const std::string& what) {
  return Redirect{path + (path.find('?') == std::string::npos ? "?" : "&") + "done=" + what};
}

Response route(Visit& v, engine::Store& store, engine::Sessions& sessions,
               const ApiOptions& options) {
  const auto& request = v.request;
  const auto& method = request.method;
  const auto parts = segments(request.path);
  auto is = [&](std::initializer_list<std::string_view> want) {
    if (parts.size() != want.size()) return false;
    size_t i = 0;
    for (auto w : want) {
      if (w != "*" && parts[i] != w) return false;
      ++i;
    }
    return true;
  };
  auto cookies = header(request, "cookie");
  if (auto id = cookie(cookies, session_cookie); !id.empty())
    v.session = sessions.find(store, id, v.now);

  if (is({"login"})) {
    if (method == "GET") {
      if (v.session) throw Redirect{home_of(v)};
      // Keep the token of a sign-in form already open in another tab.
      auto token = cookie(cookies, login_cookie);
      if (token.size() != 32 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        token = random_token();
      return login_page(v, 200, "", "", token);
    }
    if (!same_token(v.form.text("csrf"), cookie(cookies, login_cookie)))
      return login_page(v, 403, v.form.text("user"), t(v, "web_stale_form"), random_token());
    auto signed_in = sessions.sign_in(store, v.form.text("user"), v.form.text("password"),
                                      request.client, v.now);
    v.session = signed_in;
    auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in.expires - v.now);
    auto r = see_other(home_of(v));
    r.headers.emplace_back("Set-Cookie",
                           fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                                       session_cookie, signed_in.session, max_age.count(),
                                       options.secure_cookie ? "; Secure" : ""));
    r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/login; HttpOnly; "
                                                     "SameSite=Strict; Max-Age=0",
                                                     login_cookie));
    return r;
  }
  if (!v.session) {
    if (method == "GET") throw Redirect{"/login"};
    throw Unauthenticated(t(v, "web_signed_out"));
  }
  // Every form carries the session's CSRF token; a missing or stale one changes nothing.
  if (method == "POST" && !sessions.csrf_matches(*v.session, v.form.text("csrf")))
    throw PageError{403, t(v, "web_stale_form")};
  const auto& by = v.by();
  auto may_read = [&] { engine::authorize(store, by, access::Action::read, {}, v.now); };

  if (parts.empty()) {
    if (method != "GET") throw PageError{405, "GET /"};
    throw Redirect{home_of(v)};
  }
  if (is({"logout"}) && method == "POST") {
    sessions.sign_out(v.session->session);
    auto r = see_other("/login");
    r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; "
                                                     "Max-Age=0",
                                                     session_cookie));
    v.session.reset();
    return r;
  }
  if (is({"work"}) && method == "GET") return work_page(v, store);
  if (is({"entries", "new"}) && method == "GET") {
    may_read();
    auto ref = query(request, "ref");
    if (ref.empty()) throw PageError{400, t(v, "web_need_ref")};
    Form blank;
    return entry_form(v, store, ref, blank, 200, "");
  }
  if (is({"entries"}) && method == "POST") {
    auto input = entry_input(v);
    try {
      engine::log_entry(store, input, v.now);
    } catch (const PermissionDenied&) {
      throw;
    } catch (const InputError& e) {
      if (v.form.text("ref").empty()) throw;
      return entry_form(v, store, v.form.text("ref"), v.form, status_of_error(e), message_of(e));
    }
    auto ref = parse_target_ref(v.form.text("ref"));
    throw done(item_href(ref.plan_id, ref.target_id), "logged");
  }
  if ((is({"entries", "*", "correction"}) || is({"entries", "*", "retraction"})) &&
      method == "POST") {
    std::int64_t id = 0;
    for (char c : parts[1]) {
      if (c < '0' || c > '9' || id > 1'000'000'000'000) throw PageError{404, t(v, "web_no_entry")};
      id = id * 10 + (c - '0');
    }
    engine::CorrectionInput input;
    input.replaces = id;
    input.recorded_by = by;
    input.reason = v.form.text("reason");
    input.value = v.form.has("state") ? v.form.text("state") : v.form.text("value");
    input.unit = v.form.text("unit");
    // The item the entry belongs to, to come back to (and to show a refusal on).
    auto original = engine::find_entry(store, by, id, v.now);
    try {
      if (parts[2] == "retraction")
        engine::retract_entry(store, input, v.now);
      else
        engine::correct_entry(store, input, v.now);
    } catch (const PermissionDenied&) {
      throw;
    } catch (const InputError& e) {
      return item_page(v, store, original.plan_id, original.target_id, status_of_error(e),
                       message_of(e));
    }
    throw done(item_href(original.plan_id, original.target_id),
               parts[2] == "retraction" ? "retracted" : "corrected");
  }
  if (is({"plans"}) && method == "GET") {
    may_read();
    return plans_page(v, store);
  }
  if (is({"plans", "*"}) && method == "GET") {
    may_read();
    return dashboard_page(v, store, url_decode(parts[1]));
  }
  if (is({"plans", "*", "items", "*"}) && method == "GET") {
    may_read();
    return item_page(v, store, url_decode(parts[1]), url_decode(parts[3]));
  }
  if (is({"approvals"})) {
    if (method == "GET") {
      may_read();
      return approvals_page(v, store, query(request, "plan"));
    }
    engine::ApprovalRequest act;
    act.plan_id = v.form.text("plan");
    act.org = v.form.text("org");
    act.period = v.form.text("period");
    act.action = v.form.text("action");
    act.reason = v.form.text("reason");
    act.by = by;
    try {
      engine::act_on_period(store, act, v.now);
    } catch (const PermissionDenied&) {
      throw;
    } catch (const InputError& e) {
      return approvals_page(v, store, act.plan_id, status_of_error(e), message_of(e), act.period);
    }
    throw done("/approvals?plan=" + url_encode(act.plan_id), "approval_" + act.action);
  }
  if (is({"scorecard"}) && method == "GET") {
    may_read();
    return scorecard_page(v, store);
  }
  if (is({"reports"}) && method == "GET") return reports_page(v, store);
  if (is({"reports", "*"}) && method == "GET") return report_file(v, store, parts[1]);
  if (is({"audit"}) && method == "GET") return audit_page(v, store);
  if (is({"admin", "users"})) {
    if (method == "GET") return users_page(v, store);
    engine::NewUser user;
    user.name = v.form.text("name");
    user.role = v.form.text("role");
    user.orgs = v.form.items("orgs");
    user.plans = v.form.items("plans");
    try {
      engine::add_user(store, by, user, v.form.text("password"), v.now);
    } catch (const PermissionDenied&) {
      throw;
    } catch (const InputError& e) {
      return users_page(v, store, status_of_error(e), message_of(e));
    }
    throw done("/admin/users", "user_added");
  }
  if (is({"admin", "plans"})) {
    if (method == "GET") return admin_plans_page(v, store);
    // The file's own name, as the loader's `file:line` messages name it.
    auto name = v.form.text("file.filename");
    auto slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    if (name.empty()) name = "plan.yaml";
    try {
      engine::import_plan_texts(store, {{name, v.form.text("file")}}, v.now, by,
                                v.form.text("reason"));
    } catch (const PermissionDenied&) {
      throw;
    } catch (const InputErrors& e) {
      return admin_plans_page(v, store, 400, e.lines());
    } catch (const InputError& e) {
      return admin_plans_page(v, store, status_of_error(e), {e.what()});
    }
    throw done("/admin/plans", "plan_imported");
  }
  throw PageError{404, fmt::format("{} '{}'", t(v, "web_no_page"), excerpt(request.path))};
}

} // namespace

bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

Pages::Pages(StorePool& stores, std::function<Timestamp()> clock, engine::Sessions& sessions,
             ApiOptions options)
    : stores_(stores), clock_(std::move(clock)), sessions_(sessions), options_(options) {}

Response Pages::handle(const Request& request) {
  Visit v{request, Lang::zh, false, std::nullopt, {}, {}, {}};
  v.now = clock_();
  v.today = civil_date(v.now, display_zone);
  auto cookies = header(request, "cookie");
  auto lang = query(request, "lang");
  if (lang == "en" || lang == "zh") {
    v.lang = lang == "en" ? Lang::en : Lang::zh;
    v.lang_chosen = true;
  } else {
    v.lang = cookie(cookies, lang_cookie) == "en" ? Lang::en : Lang::zh;
  }
  const auto& method = request.method;
  const auto& path = request.path;
  Response response;
  try {
    if (path == "/static/app.css") {
      if (method != "GET" && method != "HEAD") throw PageError{405, "GET /static/app.css"};
      response.content_type = "text/css; charset=utf-8";
      response.body = std::string(*asset("app.css"));
      response.headers.emplace_back("Cache-Control", "max-age=3600");
    } else {
      if (method == "POST") {
        auto type = header(request, "content-type");
        if (type.rfind("multipart/form-data", 0) == 0) {
          for (const auto& part : request.parts) {
            require_utf8(part.content, part.name);
            require_utf8(part.filename, part.name);
            v.form.add(part.name, part.content);
            if (!part.filename.empty()) v.form.add(part.name + ".filename", part.filename);
          }
        } else if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
          require_utf8(request.body, "the form");
          v.form = Form(request.body);
        } else {
          throw PageError{415, t(v, "web_form_type")};
        }
      } else if (method != "GET" && method != "HEAD") {
        throw PageError{405, fmt::format("{} {}", excerpt(method), excerpt(path))};
      }
      auto turn = method == "POST" && path != "/login" ? stores_.write_turn()
                                                       : std::unique_lock<std::mutex>();
      auto lease = stores_.acquire();
      try {
        response = route(v, *lease, sessions_, options_);
      } catch (const StorageError&) {
        lease.discard();
        throw;
      }
    }
  } catch (const Redirect& r) {
    response = see_other(r.location);
  } catch (const PageError& e) {
    response = message_page(v, e.status, t(v, "web_error_" + std::to_string(e.status)), e.message);
  } catch (const TooManyAttempts& e) {
    response = login_page(v, 429, v.form.text("user"), e.what(), random_token());
    response.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
  } catch (const Unauthenticated& e) {
    response = login_page(v, 401, v.form.text("user"), e.what(), random_token());
  } catch (const InputError& e) {
    int status = status_of_error(e);
    response = message_page(v, status, t(v, "web_error_" + std::to_string(status)), message_of(e));
  } catch (const std::exception& e) {
    if (log_failure_) log_failure_(fmt::format("{} {}: {}", method, path, e.what()));
    response = message_page(v, 500, t(v, "web_error_500"), t(v, "web_failed"));
  }
  if (v.session) response.user = v.by();
  if (v.lang_chosen)
    response.headers.emplace_back("Set-Cookie",
                                  fmt::format("{}={}; Path=/; SameSite=Strict; Max-Age=31536000",
                                              lang_cookie, v.lang == Lang::en ? "en" : "zh"));
  response.headers.emplace_back("Content-Security-Policy", content_security_policy);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  bool cached = false;
  for (const auto& [k, value] : response.headers) cached = cached || k == "Cache-Control";
  if (!cached) response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

} // namespace plantrack::server::web
