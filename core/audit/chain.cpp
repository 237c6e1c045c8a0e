#include "audit/chain.hpp"

#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace plantrack::audit {

const std::string genesis_hash(64, '0');

std::string canonical_bytes(const Entry& e) {
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

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw StorageError("SHA-256 failed (OpenSSL)");
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string chain_hash(const std::string& previous, const Entry& entry) {
  return sha256_hex(previous + canonical_bytes(entry));
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
