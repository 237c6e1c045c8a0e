#include "audit/chain.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <memory>

namespace plantrack::audit {

const std::string genesis_hash(64, '0');

std::string canonical_json(const Entry& e) {
  nlohmann::json doc = nlohmann::json::array({
      e.id,
      to_string(e.action),
      e.corrects ? nlohmann::json(*e.corrects) : nlohmann::json(nullptr),
      e.plan_id,
      e.target_id,
      e.period.text,
      e.value_text,
      e.unit,
      e.value,
      format_timestamp(e.recorded_at),
      e.recorded_by,
      e.source,
      e.note,
      e.provisional,
      e.entities,
      e.reason,
  });
  // A task's entry also covers its state, evidence and step. Entries of targets keep the
  // 16 fields they were first hashed with, so chains written before tasks still verify.
  if (e.state) {
    doc.push_back(to_string(*e.state));
    doc.push_back(e.evidence);
    doc.push_back(e.step);
  }
  // A ratio's part or a peer's value also covers which part or peer it is (migration 003);
  // entries without either keep the fields they were first hashed with.
  if (e.part || !e.peer.empty()) {
    doc.push_back(e.part ? nlohmann::json(to_string(*e.part)) : nlohmann::json(nullptr));
    doc.push_back(e.peer);
  }
  // Invalid UTF-8 is kept byte for byte rather than refused: the chain must cover what is stored.
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
}

namespace {

// A JSON string as nlohmann::json::dump(-1, ' ', false) writes valid UTF-8: the quote, the
// backslash and control characters escaped (\b \f \n \r \t by name, the rest as \u00xx),
// every other byte as it is.
void put_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20) {
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xf];
      } else {
        out += ch;
      }
    }
  }
  out += '"';
}

void put_strings(std::string& out, const std::vector<std::string>& texts) {
  out += '[';
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ',';
    put_string(out, texts[i]);
  }
  out += ']';
}

bool all_utf8(const Entry& e) {
  for (const std::string* s : {&e.plan_id, &e.target_id, &e.period.text, &e.value_text, &e.unit,
                               &e.recorded_by, &e.source, &e.note, &e.reason, &e.step, &e.peer})
    if (invalid_utf8_at(*s)) return false;
  for (const auto* list : {&e.entities, &e.evidence})
    for (const auto& s : *list)
      if (invalid_utf8_at(s)) return false;
  return true;
}

} // namespace

std::string canonical_bytes(const Entry& e) {
  // Written directly, without building a JSON document: an import hashes every row. The bytes
  // are canonical_json's (a property test holds the two together); text that is not valid
  // UTF-8 takes canonical_json's way, which drops the invalid bytes.
  if (!all_utf8(e)) return canonical_json(e);
  std::string out;
  out.reserve(256 + e.note.size() + e.source.size());
  out += '[';
  out += std::to_string(e.id);
  out += ',';
  put_string(out, to_string(e.action));
  out += ',';
  out += e.corrects ? std::to_string(*e.corrects) : "null";
  for (const std::string* s : {&e.plan_id, &e.target_id, &e.period.text, &e.value_text, &e.unit}) {
    out += ',';
    put_string(out, *s);
  }
  out += ',';
  out += nlohmann::json(e.value).dump(); // the shortest text that reads back (null for NaN)
  out += ',';
  put_string(out, format_timestamp(e.recorded_at));
  for (const std::string* s : {&e.recorded_by, &e.source, &e.note}) {
    out += ',';
    put_string(out, *s);
  }
  out += e.provisional ? ",true," : ",false,";
  put_strings(out, e.entities);
  out += ',';
  put_string(out, e.reason);
  if (e.state) {
    out += ',';
    put_string(out, to_string(*e.state));
    out += ',';
    put_strings(out, e.evidence);
    out += ',';
    put_string(out, e.step);
  }
  if (e.part || !e.peer.empty()) {
    out += ',';
    if (e.part)
      put_string(out, to_string(*e.part));
    else
      out += "null";
    out += ',';
    put_string(out, e.peer);
  }
  out += ']';
  return out;
}

std::string hex_of(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto byte = static_cast<unsigned char>(bytes[i]);
    hex[2 * i] = digits[byte >> 4];
    hex[2 * i + 1] = digits[byte & 0xf];
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw StorageError("SHA-256 failed (OpenSSL)");
  return hex_of(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string chain_hash(const std::string& previous, const Entry& entry) {
  // One digest context per thread, reused: an import hashes every row.
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
  std::string bytes = canonical_bytes(entry);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), previous.data(), previous.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
    throw StorageError("SHA-256 failed (OpenSSL)");
  return hex_of(std::string_view(reinterpret_cast<const char*>(digest), length));
}

ChainCheck verify_chain(const std::vector<Entry>& entries, std::int64_t highest_id) {
  ChainCheck check;
  std::string previous = genesis_hash;
  std::int64_t previous_id = 0;
  for (const auto& e : entries) {
    if (e.id <= previous_id) {
      check.broken = ChainBreak{e.id, fmt::format("entry {} comes after entry {}: the rows were "
                                                  "reordered",
                                                  e.id, previous_id)};
      return check;
    }
    std::string expected = chain_hash(previous, e);
    if (e.hash != expected) {
      std::string why =
          e.id != previous_id + 1
              ? fmt::format("entry {} does not follow entry {}: {} missing or the entry was altered",
                            e.id, previous_id,
                            e.id - 1 == previous_id + 1
                                ? fmt::format("entry {} is", previous_id + 1)
                                : fmt::format("entries {}..{} are", previous_id + 1, e.id - 1))
              : fmt::format("entry {} was altered or its hash replaced (stored {}, computed {})",
                            e.id, e.hash.substr(0, 12), expected.substr(0, 12));
      check.broken = ChainBreak{e.id, why};
      return check;
    }
    previous = e.hash;
    previous_id = e.id;
    ++check.entries;
  }
  if (highest_id > previous_id) {
    check.broken = ChainBreak{
        previous_id + 1,
        highest_id == previous_id + 1
            ? fmt::format("entry {} was removed from the end of the chain", highest_id)
            : fmt::format("entries {}..{} were removed from the end of the chain", previous_id + 1,
                          highest_id)};
    return check;
  }
  check.head = previous;
  return check;
}

} // namespace plantrack::audit
