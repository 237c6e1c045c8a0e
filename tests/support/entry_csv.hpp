#pragma once
// The entry CSV the import tests write (SPEC §3 `plantrack import`).

#include <string>

namespace plantrack::support {

// The full header row, every column in the documented order.
inline const std::string entry_csv_header =
    "target,period,value,unit,source,note,recorded_by,provisional,entities\n";

} // namespace plantrack::support
