#include "io/entry_spool.hpp"

#include "errors.hpp"

#include <cstring>

namespace plantrack::io {
namespace {

// Records are a length-prefixed run of fields: numbers as their bytes, texts as a length and
// their bytes, optional and enumerated fields as a small integer (0: none).

template <typename T> void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_text(std::string& out, const std::string& text) {
  put<std::uint32_t>(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

void put_texts(std::string& out, const std::vector<std::string>& texts) {
  put<std::uint32_t>(out, static_cast<std::uint32_t>(texts.size()));
  for (const auto& t : texts) put_text(out, t);
}

struct Reader {
  const char* at;
  const char* end;
  template <typename T> T get() {
    if (static_cast<size_t>(end - at) < sizeof(T)) throw StorageError("entry spool: short record");
    T value;
    std::memcpy(&value, at, sizeof(T));
    at += sizeof(T);
    return value;
  }
  void text(std::string& out) {
    auto n = get<std::uint32_t>();
    if (static_cast<size_t>(end - at) < n) throw StorageError("entry spool: short record");
    out.assign(at, n);
    at += n;
  }
  void texts(std::vector<std::string>& out) {
    auto n = get<std::uint32_t>();
    out.resize(n);
    for (auto& t : out) text(t);
  }
};

std::int64_t days_of(Date d) { return d.time_since_epoch().count(); }
Date date_of(std::int64_t days) { return Date(date::days(days)); }

} // namespace

EntrySpool::EntrySpool() : file_(std::tmpfile()) {
  if (!file_) throw StorageError("cannot make a temporary file for the import; check TMPDIR");
}

void EntrySpool::write(const Entry& e) {
  std::string& r = buffer_;
  r.clear();
  put_text(r, e.plan_id);
  put_text(r, e.target_id);
  put_text(r, e.period.text);
  put<std::int64_t>(r, days_of(e.period.start));
  put<std::int64_t>(r, days_of(e.period.end));
  put_text(r, e.value_text);
  put_text(r, e.unit);
  put<double>(r, e.value);
  put<std::int64_t>(r, e.recorded_at.time_since_epoch().count());
  put_text(r, e.recorded_by);
  put_text(r, e.source);
  put_text(r, e.note);
  put<std::uint8_t>(r, e.provisional ? 1 : 0);
  put_texts(r, e.entities);
  put<std::uint8_t>(r, e.state ? static_cast<std::uint8_t>(*e.state) + 1 : 0);
  put_texts(r, e.evidence);
  put_text(r, e.step);
  put<std::uint8_t>(r, e.part ? static_cast<std::uint8_t>(*e.part) + 1 : 0);
  put_text(r, e.peer);
  put<std::uint8_t>(r, static_cast<std::uint8_t>(e.action));
  put<std::int64_t>(r, e.corrects ? *e.corrects : -1);
  put_text(r, e.reason);
  std::uint32_t length = static_cast<std::uint32_t>(r.size());
  if (std::fwrite(&length, sizeof length, 1, file_.get()) != 1 ||
      std::fwrite(r.data(), 1, r.size(), file_.get()) != r.size())
    throw StorageError("cannot write the import's temporary file; is the disk full?");
  ++size_;
}

void EntrySpool::rewind() {
  if (std::fflush(file_.get()) != 0)
    throw StorageError("cannot write the import's temporary file; is the disk full?");
  std::rewind(file_.get());
}

bool EntrySpool::read(Entry& e) {
  std::uint32_t length = 0;
  if (std::fread(&length, sizeof length, 1, file_.get()) != 1) return false;
  buffer_.resize(length);
  if (std::fread(buffer_.data(), 1, length, file_.get()) != length)
    throw StorageError("entry spool: short record");
  Reader in{buffer_.data(), buffer_.data() + buffer_.size()};
  e = Entry{};
  in.text(e.plan_id);
  in.text(e.target_id);
  in.text(e.period.text);
  e.period.start = date_of(in.get<std::int64_t>());
  e.period.end = date_of(in.get<std::int64_t>());
  in.text(e.value_text);
  in.text(e.unit);
  e.value = in.get<double>();
  e.recorded_at = Timestamp(Timestamp::duration(in.get<std::int64_t>()));
  in.text(e.recorded_by);
  in.text(e.source);
  in.text(e.note);
  e.provisional = in.get<std::uint8_t>() != 0;
  in.texts(e.entities);
  if (auto state = in.get<std::uint8_t>()) e.state = static_cast<TaskState>(state - 1);
  in.texts(e.evidence);
  in.text(e.step);
  if (auto part = in.get<std::uint8_t>()) e.part = static_cast<Part>(part - 1);
  in.text(e.peer);
  e.action = static_cast<Action>(in.get<std::uint8_t>());
  if (auto corrects = in.get<std::int64_t>(); corrects >= 0) e.corrects = corrects;
  in.text(e.reason);
  return true;
}

} // namespace plantrack::io
