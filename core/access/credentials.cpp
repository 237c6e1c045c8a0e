#include "access/credentials.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace plantrack::access {
namespace {

void init_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, size);
  return out;
}

constexpr size_t min_password_chars = 8;

// Characters, not bytes: a Chinese passphrase of eight characters is as long as any.
size_t characters(const std::string& utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

} // namespace

std::string hash_password(const std::string& password) {
  init_sodium();
  require_utf8(password, "password");
  if (characters(password) < min_password_chars)
    throw InputError("a password needs at least 8 characters; choose a longer one");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return std::string(out.data());
}

bool password_matches(const std::string& hash, const std::string& password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  init_sodium();
  return "pt_" + new_secret();
}

std::string new_secret() {
  init_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return hex(bytes.data(), bytes.size());
}

bool same_secret(const std::string& a, const std::string& b) {
  init_sodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string token_digest(const std::string& token) {
  init_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return hex(digest.data(), digest.size());
}

} // namespace plantrack::access
