#pragma once
// Checks typed entries against the stored plans before anything is appended.

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <map>
#include <optional>
#include <string>

namespace plantrack::engine {

class EntryChecker {
public:
  explicit EntryChecker(storage::Storage& storage) : storage_(storage) {}

  // The entry `input` describes, checked against its plan and target; recorded_at is left
  // for the caller. Throws InputError naming the unknown plan or target, or the bad value.
  Entry check(const EntryInput& input);

  // The plan and target `ref` names; throws InputError with a suggestion when unknown.
  const Target& target(const TargetRef& ref);
  // The latest revision of plan `id`; throws InputError with a suggestion when unknown.
  const Plan& plan(const std::string& id);

private:
  storage::Storage& storage_;
  std::map<std::string, std::optional<Plan>> plans_;
};

// The closest of `candidates` to `word` when it is a plausible typo, else empty.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

} // namespace plantrack::engine
