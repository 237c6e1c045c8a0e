#pragma once
// The tamper-evident chain over entries (SPEC §4): hash = SHA-256(previous hash ‖ canonical
// entry bytes). The encoding is documented in docs/audit.md.

#include "model/entry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::audit {

// The previous hash of the first entry: 64 zeros.
extern const std::string genesis_hash;

// The canonical bytes of an entry: the UTF-8 JSON array
// [id, action, corrects, plan, target, period, value_text, unit, value, recorded_at,
//  recorded_by, source, note, provisional, entities, reason] without whitespace; a task's
// entry (one with a state) appends [state, evidence, step].
std::string canonical_bytes(const Entry& entry);
// The same bytes by their definition: the array built as a JSON document and dumped without
// whitespace (nlohmann::json, invalid UTF-8 dropped). canonical_bytes writes them directly.
std::string canonical_json(const Entry& entry);

// `bytes` as lowercase hex digits, two per byte.
std::string hex_of(std::string_view bytes);

// SHA-256 of `bytes`, as 64 lowercase hex digits (OpenSSL).
std::string sha256_hex(std::string_view bytes);

// The hash an entry must carry when it follows an entry whose hash is `previous` (hex).
std::string chain_hash(const std::string& previous, const Entry& entry);

struct ChainBreak {
  std::int64_t entry_id = 0; // the first entry that does not verify
  std::string why;
};

struct ChainCheck {
  std::size_t entries = 0;
  std::string head; // the hash of the last entry
  std::optional<ChainBreak> broken;
};

// Recompute the chain over `entries` in the order given (by id). `highest_id` is the highest
// id the database ever handed out: a larger one than the last entry's means entries were
// removed from the end.
ChainCheck verify_chain(const std::vector<Entry>& entries, std::int64_t highest_id);

} // namespace plantrack::audit
