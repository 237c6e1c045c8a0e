#pragma once
// Labels, headings and phrases in Chinese or English (`--lang zh|en`): one table, keyed by name.

#include "assess/assess.hpp"
#include "assess/task.hpp"
#include "audit/completion.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace plantrack::report {

enum class Lang { zh, en };
constexpr auto enum_names(Lang) { return name_table<Lang>({{Lang::zh, "zh"}, {Lang::en, "en"}}); }

// The label for `key` (a column, a heading, a phrase, or the name of a status, flag or ruling)
// in `lang`; the key itself when no label is known.
std::string_view label(Lang lang, std::string_view key);
// The labels of enum values: each is the label keyed by the value's name.
std::string_view label(Lang lang, assess::Status status);
std::string_view label(Lang lang, assess::Flag flag);
std::string_view label(Lang lang, audit::Ruling ruling);
std::string_view label(Lang lang, assess::TaskStatus status);
std::string_view label(Lang lang, Nature nature); // keyed "nature_expected", "nature_binding"

// The target's title in `lang`: the English one for en when the plan gives it.
const std::string& title_in(Lang lang, const Target& target);

// One row of the label table.
struct Label {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
};
// Every label, sorted by key, each key once.
const std::vector<Label>& all_labels();

} // namespace plantrack::report
