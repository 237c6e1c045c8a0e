#pragma once
// The error hierarchy of plantrack; the CLI maps each type to an exit code of SPEC §3, the
// server to an HTTP status of SPEC §6.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace plantrack {

// Bad input or an unknown name: exit 1. The message names the value and the fix.
class InputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Several input problems found at once (a plan file, a CSV file): exit 1, one line each.
class InputErrors : public InputError {
public:
  explicit InputErrors(std::vector<std::string> lines)
      : InputError(lines.empty() ? std::string("invalid input") : lines.front()),
        lines_(std::move(lines)) {}
  const std::vector<std::string>& lines() const { return lines_; }

private:
  std::vector<std::string> lines_;
};

// The change conflicts with the state of the data, e.g. an entry of an approved, locked
// period (SPEC §5): exit 1, HTTP 409. The message names who locked it and the way out.
class Conflict : public InputError {
public:
  using InputError::InputError;
};

// A plan, item or entry that does not exist: exit 1, HTTP 404. The message says where to look.
class NotFound : public InputError {
public:
  using InputError::InputError;
};

// A refusal (SPEC §5; exit 1, HTTP 403): one line naming the user, the role and what it may do.
class PermissionDenied : public InputError {
public:
  using InputError::InputError;
};

// Not signed in, or a wrong name, password or token (HTTP 401; SPEC §6).
class Unauthenticated : public InputError {
public:
  using InputError::InputError;
};

// Too many failed sign-ins (HTTP 429): try again after `retry_after` seconds.
class TooManyAttempts : public InputError {
public:
  TooManyAttempts(const std::string& what, std::int64_t retry_after)
      : InputError(what), retry_after_(retry_after) {}
  std::int64_t retry_after() const { return retry_after_; }

private:
  std::int64_t retry_after_;
};

// The database or the machine failed us: exit 3.
class StorageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A stored entry that cannot be read back (a tampered row): exit 3, or 5 under audit verify.
class CorruptEntry : public StorageError {
public:
  CorruptEntry(std::int64_t id, const std::string& why)
      : StorageError("entry " + std::to_string(id) + " cannot be read: " + why), id_(id) {}
  std::int64_t id() const { return id_; }

private:
  std::int64_t id_;
};

} // namespace plantrack
