#include "io/csv.hpp"

#include "errors.hpp"

#include <csv.h>
#include <fmt/format.h>

namespace plantrack::io {
namespace {

struct State {
  const std::function<void(CsvRecord&&)>* on_record = nullptr;
  CsvRecord record;
  int start_line = 0;
  std::exception_ptr failure; // an exception from on_record, rethrown outside libcsv
};

void on_field(void* data, size_t len, void* state_ptr) {
  auto* s = static_cast<State*>(state_ptr);
  s->record.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void on_row(int, void* state_ptr) {
  auto* s = static_cast<State*>(state_ptr);
  s->record.line = s->start_line;
  s->start_line = 0;
  if (!s->failure) {
    try {
      (*s->on_record)(std::move(s->record));
    } catch (...) {
      s->failure = std::current_exception();
    }
  }
  s->record = CsvRecord{};
}

// Spaces are data in RFC 4180: keep them.
int no_space(unsigned char) { return 0; }

} // namespace

void read_csv(std::istream& in, const std::string& file,
              const std::function<void(CsvRecord&&)>& on_record) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    throw StorageError("cannot initialise the CSV parser");
  csv_set_space_func(&parser, no_space);
  // libcsv grows a field's buffer by this many bytes at a time (128 by default): a field of a
  // megabyte would be copied thousands of times wherever realloc cannot grow in place.
  csv_set_blk_size(&parser, 64 * 1024);
  State state;
  state.on_record = &on_record;
  std::string line;
  int number = 0;
  auto fail = [&](int at) {
    std::string why = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    throw InputError(fmt::format("{}:{}: malformed CSV ({}); quote fields that contain commas, "
                                 "quotes or line breaks, and double any quote inside them",
                                 file, at, why));
  };
  // One line of the file, its end included: "\n", "\r\n", or a bare "\r" (old Mac files).
  auto feed = [&](std::string_view text) {
    ++number;
    bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (state.start_line == 0) {
      if (blank) return; // between records: a blank or whitespace-only line is no record
      state.start_line = number;
    }
    if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &state) != text.size())
      fail(state.start_line ? state.start_line : number);
    if (state.failure) {
      csv_free(&parser);
      std::rethrow_exception(state.failure);
    }
  };
  while (std::getline(in, line)) {
    if (number == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    line += '\n';
    std::string_view rest(line);
    // A CR followed by anything but the LF ends a line of its own.
    for (size_t cr = rest.find('\r'); cr != std::string_view::npos && cr + 1 < rest.size() &&
                                       rest[cr + 1] != '\n';
         cr = rest.find('\r')) {
      feed(rest.substr(0, cr + 1));
      rest.remove_prefix(cr + 1);
    }
    feed(rest);
  }
  if (csv_fini(&parser, on_field, on_row, &state) != 0) fail(state.start_line ? state.start_line : number);
  csv_free(&parser);
  if (state.failure) std::rethrow_exception(state.failure);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

} // namespace plantrack::io
