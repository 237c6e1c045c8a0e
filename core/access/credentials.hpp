#pragma once
// Passwords and API tokens (SPEC §5), through libsodium: passwords are hashed with Argon2id
// and never kept; a token is shown once and stored as its SHA-256.

#include <string>

namespace plantrack::access {

// The Argon2id hash of `password` in libsodium's self-describing string form ($argon2id$...),
// with its interactive limits (64 MiB, 2 passes). InputError for an empty or too short
// password (fewer than 8 characters) or one that is not UTF-8.
std::string hash_password(const std::string& password);

// Whether `password` is the one `hash` was made from (constant time in the password).
bool password_matches(const std::string& hash, const std::string& password);

// A new token: "pt_" and 64 hex digits from 32 random bytes.
std::string new_token();

// The SHA-256 of `token`, lowercase hex: what is stored and looked up.
std::string token_digest(const std::string& token);

// A new random secret: 64 hex digits from 32 random bytes (session ids, CSRF tokens).
std::string new_secret();

// Whether two secrets are equal, in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

} // namespace plantrack::access
