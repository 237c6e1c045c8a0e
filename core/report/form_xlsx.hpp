#pragma once
// The Excel reporting form (填报模板, SPEC §7) written with libxlsxwriter, in the layout of
// io/entry_form.hpp: reference columns locked and grey, fill columns open with data
// validation (states as a list, numbers as decimals, provisional as yes/no), headers in
// `lang` (Chinese with English below for zh), and the hidden sheet the import checks.

#include "engine/exchange.hpp"
#include "report/labels.hpp"

#include <string>

namespace plantrack::report {

// Write `form` to `path`; InputError when `path` exists and not `overwrite`, or its folder is
// missing or not writable. Returns the number of item rows.
int write_form_xlsx(const engine::ReportingForm& form, Lang lang, const std::string& path,
                    bool overwrite);

} // namespace plantrack::report
