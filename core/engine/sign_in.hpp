#pragma once
// Who is asking, for a front end that serves many people (SPEC §5, §6): sign-in with a
// password, sessions with a CSRF token and an expiry, API tokens, and a limit on failed
// sign-ins. The CLI on a local file does not sign in (it trusts --by); `plantrack serve` does,
// for every request.

#include "model/account.hpp"
#include "model/time.hpp"
#include "storage/storage.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace plantrack::engine {

// How long a session lives without use, and how failed sign-ins are limited: after
// `max_failures` failures within `window` for one user name, or for one client address,
// sign-ins from it are refused (TooManyAttempts, HTTP 429) until the window has passed.
struct SignInRules {
  std::chrono::seconds session_idle{std::chrono::hours(8)};
  std::chrono::seconds session_max{std::chrono::hours(24)};
  int max_failures = 5;
  std::chrono::seconds window{std::chrono::minutes(15)};
};

struct SignedIn {
  User user;
  std::string session; // the cookie's value
  std::string csrf;    // sent back as X-CSRF-Token with every write on that session
  Timestamp expires{};
};

// The sessions of one server process, kept in memory (a restart signs everyone out). Safe to
// call from many threads at once.
class Sessions {
public:
  explicit Sessions(SignInRules rules = {}) : rules_(rules) {}

  // Check `name` and `password` (Argon2id) and open a session. Unauthenticated for a wrong
  // name, a wrong password or a disabled user (one message for all three: the reply does not
  // tell which names exist); TooManyAttempts when `client` or `name` failed too often lately.
  SignedIn sign_in(storage::Storage& storage, const std::string& name, const std::string& password,
                   const std::string& client, Timestamp now);

  // The user of a live session (its idle time restarts), or nullopt: unknown, expired, or
  // its user disabled since.
  std::optional<SignedIn> find(storage::Storage& storage, const std::string& session,
                               Timestamp now);

  // Whether `csrf` is the CSRF token of `session` (constant time).
  bool csrf_matches(const SignedIn& session, const std::string& csrf) const;

  void sign_out(const std::string& session);

private:
  struct Live {
    std::string user;
    std::string csrf;
    Timestamp opened{};
    Timestamp last_used{};
  };
  struct Failures {
    int count = 0;
    Timestamp first{};
  };
  // Throws TooManyAttempts when `key` failed too often within the window before `now`.
  void check_limit(const std::string& key, Timestamp now);
  void count_failure(const std::string& key, Timestamp now);
  Timestamp expiry(const Live& live) const;

  SignInRules rules_;
  std::mutex mutex_;
  std::map<std::string, Live> live_;         // by the SHA-256 of the session id
  std::map<std::string, Failures> failures_; // by "user:NAME" and "client:ADDRESS"
};

// The enabled user of an API token (Authorization: Bearer TOKEN); Unauthenticated otherwise.
User token_user(storage::Storage& storage, const std::string& token);

} // namespace plantrack::engine
