#include "report/labels.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace plantrack::report {
namespace {

// key, Chinese, English; sorted by key (the build checks it), so each key is here once.
// A status, flag or ruling is keyed by its name (enum_names); a nature by "nature_" and its name
// ("expected" alone is the expected value's heading); a task's status by "task_" and a task's
// state by "state_" and its name ("done" is both, with different words).
constexpr Label labels[] = {
    {"achieved", "已实现", "achieved"},
    {"acted_at", "操作时间", "acted at"},
    {"acted_by", "操作人", "acted by"},
    {"action", "操作", "action"},
    {"action_approve", "审核通过", "approve"},
    {"action_return", "退回", "return"},
    {"action_submit", "报送", "submit"},
    {"action_unapprove", "撤销审核", "unapprove"},
    {"amount", "数额", "amount"},
    {"appraisal", "考核方式", "appraisal"},
    {"approval_approved", "已审核", "approved"},
    {"approval_open", "未报送", "open"},
    {"approval_returned", "已退回", "returned"},
    {"approval_state", "审核状态", "approval"},
    {"approval_submitted", "待审核", "submitted"},
    {"as_of", "评估日期", "as of"},
    {"assessment_as_of", "评估 截至", "assessment as of"},
    {"at_risk", "有风险", "at risk"},
    {"base_amount", "对比数额", "compared amount"},
    {"base_period", "对比期", "compared with"},
    {"baseline", "基线", "baseline"},
    {"basis", "增速口径", "basis"},
    {"basis_cagr", "年均增长", "compound annual growth"},
    {"basis_yoy", "比上年增长", "year on year"},
    {"better_higher", "数值越高越好", "higher is better"},
    {"better_lower", "数值越低越好", "lower is better"},
    {"breached", "已越限", "breached"},
    {"cadence", "报送周期", "cadence"},
    {"changes", "变更", "changes"},
    {"chart_corrected", "已更正", "corrected"},
    {"chart_legend",
     "图例:灰线为计划轨迹(含逐年分解),蓝点为现行数据,橙点为更正后的数据,空心点为被更正的旧值,"
     "蓝色虚线为预测,红色虚线为目标值,蓝色竖线为评估日期。",
     "Legend: grey line, planned trajectory (with milestones); blue dots, values in force; "
     "orange, corrected values; hollow, superseded versions; dashed blue, forecast; "
     "dashed red, the target; blue vertical line, the as-of date."},
    {"chart_superseded", "已被替代", "superseded"},
    {"clear_by", "须清零日期", "clear by"},
    {"clear_within", "清零时限", "clear within"},
    {"completed", "按期完成", "completed on time"},
    {"completed_late", "逾期完成", "completed late"},
    {"completed_on", "完成于", "completed on"},
    {"completion_audit", "完成情况审计", "Completion audit"},
    {"computed_ratio", "计算比值", "computed ratio"},
    {"content", "内容", "value"},
    {"corrected_by", "已被更正", "corrected by"},
    {"corrects", "更正", "corrects"},
    {"counted_twice", "重复计数", "counted twice"},
    {"created_at", "创建时间", "created at"},
    {"created_by", "创建人", "created by"},
    {"current", "当前值", "current"},
    {"data_digest", "数据摘要 (SHA-256)", "data digest (SHA-256)"},
    {"date", "日期", "date"},
    {"days", "天", "days"},
    {"deadline", "期限", "deadline"},
    {"denominator", "分母", "denominator"},
    {"disabled_at", "停用时间", "disabled at"},
    {"done_on", "完成日期", "done on"},
    {"duplicate_entity", "重复计数", "duplicate entity"},
    {"entities", "对象", "entities"},
    {"entities_counted", "计数对象", "entities counted"},
    {"entries", "记录数", "entries"},
    {"entry_history", "记录", "entries"},
    {"estimated", "估算", "estimated"},
    {"every", "周期", "every"},
    {"evidence", "证据", "evidence"},
    {"expected", "应达值", "expected"},
    {"expected_now", "当前应达值", "expected now"},
    {"final_data_missing", "缺期末数据", "final data missing"},
    {"final_state", "最终状态", "final state"},
    {"final_value", "最终值", "final value"},
    {"flags", "标记", "flags"},
    {"forecast", "预测", "forecast"},
    {"form_deadline", "完成时限", "deadline"},
    {"form_entry_unit", "计量单位", "unit of the value"},
    {"form_heading", "填报表", "reporting form"},
    {"form_help",
     "灰色列为参考信息，请勿修改；请在白色列填写本期数据（数值或进展状态），单位留空即按目标单位",
     "Grey columns are for reference: leave them as they are. Fill in the white columns (a "
     "value or a state); an empty unit means the target's unit"},
    {"form_last_period", "最新值所属期", "period of last value"},
    {"form_last_value", "最新值", "last value"},
    {"form_note", "进展说明", "note"},
    {"form_period", "报告期", "period"},
    {"form_provisional", "是否初步数", "provisional"},
    {"form_ref", "编号", "ref"},
    {"form_sheet", "填报", "form"},
    {"form_source", "数据来源", "source"},
    {"form_status", "状态", "status"},
    {"form_target", "目标值", "target"},
    {"form_title", "名称", "title"},
    {"form_unit", "目标单位", "unit"},
    {"form_value", "本期值或进展状态", "value or state"},
    {"format", "格式", "format"},
    {"gap", "差距", "gap"},
    {"generated", "生成", "generated"},
    {"generated_at", "生成时间", "generated at"},
    {"goal", "目标", "goal"},
    {"grace_days", "宽限天数", "grace days"},
    {"growth", "增速", "growth"},
    {"growth_by_period", "各期增速", "growth by period"},
    {"growth_of", "增速依据", "growth of"},
    {"html_lang", "zh-CN", "en"},
    {"id", "编号", "id"},
    {"imported_at", "导入时间", "imported at"},
    {"imported_by", "导入人", "imported by"},
    {"incomplete_peers", "对标数据不全", "incomplete peers"},
    {"inconsistent", "分项不一致", "inconsistent"},
    {"insufficient_data", "数据不足", "insufficient data"},
    {"issuer", "发布单位", "issuer"},
    {"item", "项目", "item"},
    {"kind", "类型", "kind"},
    {"known_at", "数据截至", "known at"},
    {"last_action", "最近操作", "last action"},
    {"last_update", "最近更新", "last update"},
    {"late", "滞后", "late"},
    {"late_reports", "迟报或漏报", "late or missing reports"},
    {"latest_note", "最新进展", "latest progress"},
    {"lead_targets", "牵头指标", "led targets"},
    {"lead_tasks", "牵头任务", "led tasks"},
    {"legend_growth", "增速目标为红色虚线,每年均须达到,无轨迹。",
     "Growth: the dashed red line is the rate required every year; there is no trajectory."},
    {"legend_monitor", "监测指标无目标线和轨迹。", "Monitored targets have no target line or trajectory."},
    {"legend_rank", "排名图纵轴倒置,第1名在最上方。", "Ranks: the axis is inverted, 1 (the best) at the top."},
    {"legend_ref", "参照目标为红色阶梯线,随被参照指标的数值变化。",
     "Referenced targets: the red step line follows the referenced target's value."},
    {"logged_ratio", "填报比值", "logged ratio"},
    {"message", "说明", "message"},
    {"missed", "未实现", "missed"},
    {"missing_peers", "缺报单位", "missing"},
    {"monitored", "监测", "monitored"},
    {"name", "名称", "name"},
    {"nature", "指标性质", "nature"},
    {"nature_binding", "约束性", "binding"},
    {"nature_expected", "预期性", "expected"},
    {"needed_per_year", "每年需增", "needed/yr"},
    {"needs_attention", "需关注(严重滞后、未实现、已越限)", "Needs attention (off track, missed, breached)"},
    {"no_data", "无数据", "no data"},
    {"no_items", "无指标或任务", "no targets or tasks"},
    {"no_orgs", "无责任单位", "no orgs"},
    {"none", "无", "none"},
    {"not_completed", "未完成", "not completed"},
    {"not_due", "未到期", "not due"},
    {"not_reported", "漏报", "not reported"},
    {"note", "备注", "note"},
    {"numerator", "分子", "numerator"},
    {"off_track", "严重滞后", "off track"},
    {"on_time", "报送及时率", "on-time reporting"},
    {"on_track", "进度正常", "on track"},
    {"open", "进行中(无期限)", "open (no deadline)"},
    {"open_exceedance", "未清零超限", "open exceedance"},
    {"org", "责任单位", "org"},
    {"org_scorecard", "责任单位考核", "Org scorecard"},
    {"out_dir", "输出目录", "out"},
    {"part", "分项", "part"},
    {"path", "路径", "path"},
    {"peer", "对标单位", "peer"},
    {"peer_values", "对标数值(由优到劣)", "peer values (best first)"},
    {"peers", "对标范围", "peers"},
    {"period", "期间", "period"},
    {"periods", "期间", "periods"},
    {"plan", "规划", "plan"},
    {"plan_issuer", "发布", "issuer"},
    {"plans", "规划范围", "plans"},
    {"point", "类别", "point"},
    {"progress", "进度%", "progress %"},
    {"provisional", "初步数据", "provisional"},
    {"provisional_mark", "初步", "provisional"},
    {"rank", "排名", "rank"},
    {"ratio", "比率", "ratio"},
    {"ratio_parts", "比值及分项", "ratio and its parts"},
    {"reason", "原因", "reason"},
    {"recorded_at", "记录时间", "recorded at"},
    {"recorded_by", "记录人", "recorded by"},
    {"ref", "指标", "target"},
    {"referenced_target", "参照指标", "referenced target"},
    {"referenced_value", "参照值", "referenced value"},
    {"report_period", "报告期", "period"},
    {"reported_late", "迟报", "reported late"},
    {"responsible", "责任单位", "responsible"},
    {"retracted_by", "已被撤回", "retracted by"},
    {"retracts", "撤回", "retracts"},
    {"revision", "版本", "revision"},
    {"role", "角色", "role"},
    {"role_admin", "管理员", "admin"},
    {"role_auditor", "审计人员", "auditor"},
    {"role_lead", "牵头", "lead"},
    {"role_leader", "领导", "leader"},
    {"role_official", "填报人员", "official"},
    {"role_reviewer", "审核人", "reviewer"},
    {"role_support", "配合", "support"},
    {"rule", "规则", "rule"},
    {"ruling", "结论", "ruling"},
    {"scale", "倍数", "scale"},
    {"schedule", "定时报告", "schedule"},
    {"self", "自身", "self"},
    {"sha256", "SHA-256", "sha256"},
    {"shortfall", "缺口", "shortfall"},
    {"source", "来源", "source"},
    {"source_clause", "原文", "source clause"},
    {"stale", "数据过期", "stale"},
    {"state", "进展状态", "state"},
    {"state_done", "已完成", "done"},
    {"state_in_progress", "推进中", "in progress"},
    {"state_not_started", "未启动", "not started"},
    {"state_suspended", "暂缓", "suspended"},
    {"status", "状态", "status"},
    {"status_report", "规划执行情况报告", "Status report"},
    {"step", "节点", "step"},
    {"step_late", "节点滞后", "step late"},
    {"steps", "工作节点", "steps"},
    {"strive", "力争", "strive"},
    {"summary", "汇总", "summary"},
    {"support", "配合单位", "support"},
    {"support_targets", "配合指标", "supported targets"},
    {"support_tasks", "配合任务", "supported tasks"},
    {"target", "目标值", "target"},
    {"target_statuses", "指标状态", "target statuses"},
    {"targets", "指标数", "targets"},
    {"task", "任务", "task"},
    {"task_count", "任务数", "tasks"},
    {"task_done", "按期完成", "done"},
    {"task_done_late", "逾期完成", "done late"},
    {"task_in_progress", "推进中", "in progress"},
    {"task_no_data", "无数据", "no data"},
    {"task_not_started", "未启动", "not started"},
    {"task_overdue", "已逾期", "overdue"},
    {"task_statuses", "任务状态", "task statuses"},
    {"task_suspended", "暂缓", "suspended"},
    {"tasks", "任务", "tasks"},
    {"tasks_overdue", "逾期任务", "Overdue tasks"},
    {"title", "名称", "title"},
    {"trajectory", "轨迹", "trajectory"},
    {"trajectory_points", "轨迹点", "trajectory points"},
    {"trouble", "需关注", "in trouble"},
    {"unapproved", "未经审核", "unapproved"},
    {"unit", "单位", "unit"},
    {"unverifiable", "无法核实", "unverifiable"},
    {"user", "用户", "user"},
    {"value", "数值", "value"},
    {"version", "版本", "version"},
};

constexpr bool sorted_once(const Label* first, const Label* last) {
  for (const Label* l = first; l + 1 != last; ++l)
    if (!(l->key < (l + 1)->key)) return false;
  return true;
}
static_assert(sorted_once(std::begin(labels), std::end(labels)),
              "keep the label keys sorted, each key once");

} // namespace

std::string_view label(Lang lang, std::string_view key) {
  auto it = std::lower_bound(std::begin(labels), std::end(labels), key,
                             [](const Label& l, std::string_view k) { return l.key < k; });
  if (it == std::end(labels) || it->key != key) return key;
  return lang == Lang::zh ? it->zh : it->en;
}

std::string_view label(Lang lang, assess::Status status) { return label(lang, to_string(status)); }
std::string_view label(Lang lang, assess::Flag flag) { return label(lang, to_string(flag)); }
std::string_view label(Lang lang, audit::Ruling ruling) { return label(lang, to_string(ruling)); }
std::string_view label(Lang lang, Nature nature) {
  // A literal key: the fallback (the key itself) must not point into a temporary.
  return label(lang, nature == Nature::binding ? "nature_binding" : "nature_expected");
}

std::string_view label_key(assess::TaskStatus status) {
  // Literal keys: the fallback (the key itself) must not point into a temporary.
  using assess::TaskStatus;
  switch (status) {
  case TaskStatus::no_data: return "task_no_data";
  case TaskStatus::done: return "task_done";
  case TaskStatus::done_late: return "task_done_late";
  case TaskStatus::overdue: return "task_overdue";
  case TaskStatus::suspended: return "task_suspended";
  case TaskStatus::in_progress: return "task_in_progress";
  case TaskStatus::not_started: return "task_not_started";
  }
  return "task_no_data";
}

std::string_view label_key(TaskState state) {
  switch (state) {
  case TaskState::not_started: return "state_not_started";
  case TaskState::in_progress: return "state_in_progress";
  case TaskState::done: return "state_done";
  case TaskState::suspended: return "state_suspended";
  }
  return "state_not_started";
}

std::string_view label(Lang lang, assess::TaskStatus status) { return label(lang, label_key(status)); }
std::string_view label(Lang lang, TaskState state) { return label(lang, label_key(state)); }

const std::string& title_in(Lang lang, const Target& target) {
  return lang == Lang::en && !target.title_en.empty() ? target.title_en : target.title;
}

const std::vector<Label>& all_labels() {
  static const std::vector<Label> all(std::begin(labels), std::end(labels));
  return all;
}

} // namespace plantrack::report
