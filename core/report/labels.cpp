#include "report/labels.hpp"

#include <array>
#include <tuple>

namespace plantrack::report {
namespace {

// key, Chinese, English
constexpr std::array<std::tuple<std::string_view, std::string_view, std::string_view>, 69> labels{{
    {"no_data", "无数据", "no data"},
    {"breached", "已越限", "breached"},
    {"achieved", "已实现", "achieved"},
    {"missed", "未实现", "missed"},
    {"insufficient_data", "数据不足", "insufficient data"},
    {"on_track", "进度正常", "on track"},
    {"at_risk", "有风险", "at risk"},
    {"off_track", "严重滞后", "off track"},
    {"stale", "数据过期", "stale"},
    {"estimated", "估算", "estimated"},
    {"provisional", "初步数据", "provisional"},
    {"final_data_missing", "缺期末数据", "final data missing"},
    {"duplicate_entity", "重复计数", "duplicate entity"},
    {"ref", "指标", "target"},
    {"title", "名称", "title"},
    {"unit", "单位", "unit"},
    {"kind", "类型", "kind"},
    {"rule", "规则", "rule"},
    {"baseline", "基线", "baseline"},
    {"current", "当前值", "current"},
    {"period", "期间", "period"},
    {"target", "目标值", "target"},
    {"deadline", "期限", "deadline"},
    {"gap", "差距", "gap"},
    {"progress", "进度%", "progress %"},
    {"expected", "应达值", "expected"},
    {"ratio", "比率", "ratio"},
    {"status", "状态", "status"},
    {"flags", "标记", "flags"},
    {"forecast", "预测", "forecast"},
    {"needed_per_year", "每年需增", "needed/yr"},
    {"responsible", "责任单位", "responsible"},
    {"id", "编号", "id"},
    {"revision", "版本", "revision"},
    {"targets", "指标数", "targets"},
    {"entries", "记录数", "entries"},
    {"imported_at", "导入时间", "imported at"},
    {"imported_by", "导入人", "imported by"},
    {"value", "数值", "value"},
    {"recorded_at", "记录时间", "recorded at"},
    {"recorded_by", "记录人", "recorded by"},
    {"source", "来源", "source"},
    {"note", "备注", "note"},
    {"entities", "对象", "entities"},
    {"goal", "目标", "goal"},
    {"tasks", "任务", "tasks"},
    {"as_of", "评估日期", "as of"},
    {"summary", "汇总", "summary"},
    {"version", "版本", "version"},
    {"reason", "原因", "reason"},
    {"changes", "变更", "changes"},
    {"ruling", "结论", "ruling"},
    {"evidence", "证据", "evidence"},
    {"unverifiable", "无法核实", "unverifiable"},
    {"not_due", "未到期", "not due"},
    {"issuer", "发布", "issuer"},
    {"cadence", "报送周期", "cadence"},
    {"name", "名称", "name"},
    {"plan", "规划", "plan"},
    {"every", "周期", "every"},
    {"format", "格式", "format"},
    {"out_dir", "输出目录", "out"},
    {"created_at", "创建时间", "created at"},
    {"created_by", "创建人", "created by"},
    {"schedule", "定时报告", "schedule"},
    {"path", "路径", "path"},
    {"sha256", "SHA-256", "sha256"},
    {"generated_at", "生成时间", "generated at"},
}};

} // namespace

std::string_view label(Lang lang, std::string_view key) {
  for (const auto& [k, zh, en] : labels)
    if (k == key) return lang == Lang::zh ? zh : en;
  return key;
}

} // namespace plantrack::report
