#include "engine/sign_in.hpp"

#include "access/credentials.hpp"
#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::engine {
namespace {

const char* const wrong_credentials =
    "user name or password is wrong; check both, or ask an admin to reset the account";

// A hash to check a password against when the name is unknown, so that an unknown name costs
// as long as a wrong password and the reply time does not tell which names exist.
const std::string& decoy_hash() {
  static const std::string hash = access::hash_password(access::new_secret());
  return hash;
}

std::int64_t seconds_between(Timestamp from, Timestamp to) {
  return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}

} // namespace

void Sessions::check_limit(const std::string& key, Timestamp now) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return;
  auto until = it->second.first + rules_.window;
  if (now >= until) {
    failures_.erase(it);
    return;
  }
  if (it->second.count >= rules_.max_failures)
    throw TooManyAttempts(fmt::format("too many failed sign-ins; try again in {} seconds",
                                      std::max<std::int64_t>(1, seconds_between(now, until))),
                          std::max<std::int64_t>(1, seconds_between(now, until)));
}

void Sessions::count_failure(const std::string& key, Timestamp now) {
  // Forget windows that have passed, so that the table stays as small as recent failures.
  if (failures_.size() > 10000)
    for (auto it = failures_.begin(); it != failures_.end();)
      it = now >= it->second.first + rules_.window ? failures_.erase(it) : std::next(it);
  auto& f = failures_[key];
  if (f.count == 0 || now >= f.first + rules_.window) f = {0, now};
  ++f.count;
}

Timestamp Sessions::expiry(const Live& live) const {
  return std::min(live.last_used + rules_.session_idle, live.opened + rules_.session_max);
}

SignedIn Sessions::sign_in(storage::Storage& storage, const std::string& name,
                           const std::string& password, const std::string& client, Timestamp now) {
  const std::string user_key = "user:" + name, client_key = "client:" + client;
  {
    std::lock_guard lock(mutex_);
    check_limit(client_key, now);
    check_limit(user_key, now);
  }
  if (invalid_utf8_at(name) || invalid_utf8_at(password)) throw Unauthenticated(wrong_credentials);
  // The slow check runs outside the lock: sign-ins of different people do not wait on it.
  auto hash = storage.password_hash(name);
  bool matches =
      access::password_matches(hash ? *hash : decoy_hash(), password) && hash.has_value();
  auto user = matches ? storage.find_user(name) : std::nullopt;
  std::lock_guard lock(mutex_);
  if (!user || user->disabled_at) {
    count_failure(client_key, now);
    count_failure(user_key, now);
    throw Unauthenticated(wrong_credentials);
  }
  failures_.erase(user_key);
  if (live_.size() > 10000) // sessions nobody came back for
    for (auto it = live_.begin(); it != live_.end();)
      it = now >= expiry(it->second) ? live_.erase(it) : std::next(it);
  SignedIn out{*user, access::new_secret(), access::new_secret(), {}};
  Live live{user->name, out.csrf, now, now};
  out.expires = expiry(live);
  live_[access::token_digest(out.session)] = std::move(live);
  return out;
}

std::optional<SignedIn> Sessions::find(storage::Storage& storage, const std::string& session,
                                       Timestamp now) {
  const auto key = access::token_digest(session);
  Live live;
  {
    std::lock_guard lock(mutex_);
    auto it = live_.find(key);
    if (it == live_.end()) return std::nullopt;
    if (now >= expiry(it->second)) {
      live_.erase(it);
      return std::nullopt;
    }
    it->second.last_used = now;
    live = it->second;
  }
  auto user = storage.find_user(live.user);
  if (!user || user->disabled_at) {
    sign_out(session);
    return std::nullopt;
  }
  return SignedIn{*user, session, live.csrf, expiry(live)};
}

bool Sessions::csrf_matches(const SignedIn& session, const std::string& csrf) const {
  return !csrf.empty() && access::same_secret(session.csrf, csrf);
}

void Sessions::sign_out(const std::string& session) {
  std::lock_guard lock(mutex_);
  live_.erase(access::token_digest(session));
}

User token_user(storage::Storage& storage, const std::string& token) {
  auto name = storage.token_user(access::token_digest(token));
  auto user = name ? storage.find_user(*name) : std::nullopt;
  if (!user || user->disabled_at)
    throw Unauthenticated("the API token is unknown or revoked; create one with `plantrack "
                          "token create --user NAME`");
  return *user;
}

} // namespace plantrack::engine
