#pragma once
// What a refused call said: the message of an InputError, or the lines of an InputErrors.

#include "errors.hpp"

#include <gtest/gtest.h>

#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace plantrack::support {

// Runs `body`, expects an InputError, and returns its message ("" when none was thrown).
inline std::string input_error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
    return "";
  }
  ADD_FAILURE() << "expected InputError, nothing was thrown";
  return "";
}

// Runs `body`, expects InputErrors, and returns its lines (empty when none was thrown).
inline std::vector<std::string> input_errors_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const InputErrors& e) {
    return e.lines();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputErrors, got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected InputErrors, nothing was thrown";
  return {};
}

} // namespace plantrack::support
