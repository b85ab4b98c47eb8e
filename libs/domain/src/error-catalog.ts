import type { Label, Locale } from './value-lists';

/**
 * Every error code the API answers with, once. An error's `code` is stable (clients and tests key on
 * it); its `message` is rendered from ERROR_MESSAGES in the request's language (Accept-Language,
 * zh-CN by default). To add a code: append it here and give it both messages in ERROR_MESSAGES —
 * a code without both does not compile, and error-catalog.spec.ts checks every message.
 */
export const ERROR_CODES = [
  // ---- HTTP statuses (errors without a more precise code) ----
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'route_not_found',
  'method_not_allowed',
  'not_acceptable',
  'request_timeout',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal_error',
  'service_unavailable',
  'service_down',
  // ---- request shape and field rules (validation pipe, class-validator) ----
  'invalid_field',
  'field_not_allowed',
  'field_required',
  'field_not_empty',
  'field_not_string',
  'field_not_integer',
  'field_not_number',
  'field_not_boolean',
  'field_not_array',
  'field_not_one_of',
  'field_too_short',
  'field_too_long',
  'field_length',
  'field_too_small',
  'field_too_large',
  'field_bad_format',
  'field_not_id',
  'field_not_money',
  'field_not_email',
  'field_not_url',
  'field_not_date',
  'field_not_month',
  'field_not_year',
  'date_out_of_range',
  'integer_out_of_range',
  'body_not_object',
  'json_too_deep',
  'bad_json',
  // ---- rules on values (domain) ----
  'date_in_future',
  'date_before',
  'month_in_future',
  'month_outside_year',
  'date_outside_year',
  'arrangement_source_both',
  'arrangement_no_holiday',
  'amount_not_positive',
  'amount_total_too_large',
  'funds_over_contract',
  'unknown_reference',
  'not_on_managed_list',
  'not_more_than',
  'reason_required',
  'department_required',
  'days_not_whole',
  'webhook_secret_format',
  'webhook_needs_url',
  'webhook_secret_not_taken',
  // ---- sign-in, users ----
  'wrong_credentials',
  'sign_in_required',
  'token_invalid',
  'refresh_token_invalid',
  'refresh_token_missing',
  'user_gone',
  'login_unavailable',
  'login_throttled',
  'username_taken',
  'username_empty',
  'username_too_long',
  'username_invisible_character',
  'username_inner_whitespace',
  'username_format',
  'password_too_short',
  'password_too_long',
  'password_repetitive',
  'password_sequence',
  'password_common',
  'password_contains_username',
  'password_contains_app_name',
  'route_closed',
  'role_not_allowed',
  'last_admin',
  'leader_extensions_only',
  // ---- state conflicts, duplicates ----
  'state_conflict',
  'already_exists',
  'project_terminated',
  'stage_order',
  'stage_not_signed',
  'fund_entry_is_reversal',
  'fund_entry_already_reversed',
  'milestone_has_events',
  'alert_resolved',
  'alert_already_acknowledged',
  'alert_not_acknowledged',
  'milestone_event_not_allowed',
  'milestone_event_before_previous',
  'cure_deadline_out_of_range',
  'verify_by_before_approval',
  'milestone_duplicate',
  'route_empty',
  'route_stage_invalid',
  'route_item_duplicate',
  'route_after_unknown',
  'route_after_other_stage',
  'route_after_cycle',
  'route_already_applied',
  'route_not_applied',
  'route_without_construct',
  'route_item_not_planned',
  'route_template_inactive',
  'key_work_duplicate',
  'key_work_report_duplicate',
  'delivery_not_failed',
  'live_streams_exhausted',
  // ---- import ----
  'import_unreadable',
  'import_no_sheet',
  'import_no_rows',
  'import_missing_columns',
  'import_rows_invalid',
  'import_busy',
  'import_upload_timeout',
  'import_too_large',
  'import_too_many_rows',
  'import_not_multipart',
  'import_file_missing',
  // ---- database and driver ----
  'duplicate_value',
  'busy',
  'database_busy',
  'database_unavailable',
  // ---- dispatch: problems, meetings, notices (dispatch.md) ----
  'unknown_department',
  'due_date_before_raised',
  'chair_not_leader',
  'decision_field_required',
  'decision_without_change',
  'problem_closed',
  'problem_not_overdue',
  'alert_not_escalated',
  'reply_due_in_past',
  'problem_action_forbidden',
  'problem_action_not_allowed',
  'problem_text_required',
  'meeting_closed',
  'notice_not_issued',
  'notice_not_signed',
  // ---- commitments (commitments.md) ----
  'credit_code_format',
  'credit_code_check',
  'credit_code_taken',
  'clause_field_not_taken',
  'clawback_ratio_range',
  'actual_period_format',
  'actual_empty',
  'review_not_due',
  'review_decided',
  'review_amount_accept',
  'review_amount_waive',
  'review_amount_not_below',
  // ---- approval routes (routes-and-forecast.md) ----
  'project_code_format',
  'project_code_region',
  'project_code_taken',
  'project_code_required',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Parameters of a message: `{name}` in a message is replaced by `params.name`. */
export type ErrorParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/**
 * The message of every code in both languages. `{field}` and `{other}` are read through FIELD_LABELS
 * (「签约日期」 in Chinese, the API's field name in English), `{entity}` through ENTITY_LABELS; any
 * other `{name}` is the parameter as given. English messages keep the API's `field: rule` form.
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, Label>> = {
  bad_request: { 'zh-CN': '请求有误：{detail}', en: '{detail}' },
  unauthorized: { 'zh-CN': '请先登录', en: '{detail}' },
  forbidden: { 'zh-CN': '没有权限执行此操作', en: '{detail}' },
  not_found: { 'zh-CN': '{entity} {id} 不存在或无权查看', en: '{entity} {id} not found' },
  route_not_found: { 'zh-CN': '没有这个接口：{method} {path}', en: 'Cannot {method} {path}' },
  method_not_allowed: { 'zh-CN': '此接口不支持该请求方法', en: '{detail}' },
  not_acceptable: { 'zh-CN': '无法以请求的格式作答', en: '{detail}' },
  request_timeout: { 'zh-CN': '请求超时，请重试', en: '{detail}' },
  conflict: { 'zh-CN': '与当前数据冲突，未作更改', en: '{detail}' },
  payload_too_large: { 'zh-CN': '提交的内容过大', en: '{detail}' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: '{detail}' },
  too_many_requests: { 'zh-CN': '请求过于频繁，请稍后重试', en: '{detail}' },
  internal_error: {
    'zh-CN': '系统内部错误，已记录，请稍后重试',
    en: 'An unexpected error occurred; it has been logged.',
  },
  service_unavailable: { 'zh-CN': '服务暂时不可用，请稍后重试', en: '{detail}' },
  service_down: { 'zh-CN': '部分服务不可用（见下方各项状态），请稍后重试', en: 'down: {down}' },

  invalid_field: { 'zh-CN': '「{field}」不符合要求', en: '{field}: {rule}' },
  field_not_allowed: { 'zh-CN': '不允许提交字段「{field}」', en: '{field}: is not an allowed field' },
  field_required: { 'zh-CN': '「{field}」为必填项', en: '{field}: {rule}' },
  field_not_empty: { 'zh-CN': '「{field}」不能为空', en: '{field}: {rule}' },
  field_not_string: { 'zh-CN': '「{field}」须为文字', en: '{field}: {rule}' },
  field_not_integer: { 'zh-CN': '「{field}」须为整数', en: '{field}: {rule}' },
  field_not_number: { 'zh-CN': '「{field}」须为数字', en: '{field}: {rule}' },
  field_not_boolean: { 'zh-CN': '「{field}」须为是或否（true/false）', en: '{field}: {rule}' },
  field_not_array: { 'zh-CN': '「{field}」须为列表', en: '{field}: {rule}' },
  field_not_one_of: { 'zh-CN': '「{field}」须为以下之一：{allowed}', en: '{field}: {rule}' },
  field_too_short: { 'zh-CN': '「{field}」至少 {limit} 个字符', en: '{field}: {rule}' },
  field_too_long: { 'zh-CN': '「{field}」不能超过 {limit} 个字符', en: '{field}: {rule}' },
  field_length: { 'zh-CN': '「{field}」须为 {min}–{limit} 个字符', en: '{field}: {rule}' },
  field_too_small: { 'zh-CN': '「{field}」不能小于 {limit}', en: '{field}: {rule}' },
  field_too_large: { 'zh-CN': '「{field}」不能大于 {limit}', en: '{field}: {rule}' },
  field_bad_format: { 'zh-CN': '「{field}」格式不正确', en: '{field}: {rule}' },
  field_not_id: { 'zh-CN': '「{field}」须为编号（数字）', en: '{field}: {rule}' },
  field_not_money: {
    'zh-CN': '「{field}」须为不小于 0、最多两位小数的金额（万元），如 12500.50',
    en: '{field}: {rule}',
  },
  field_not_email: { 'zh-CN': '「{field}」须为有效的电子邮件地址', en: '{field}: {rule}' },
  field_not_url: { 'zh-CN': '「{field}」须为 http(s) 网址', en: '{field}: {rule}' },
  field_not_date: { 'zh-CN': '「{field}」须为日期（年-月-日，如 2026-03-01）', en: '{field}: {rule}' },
  field_not_month: { 'zh-CN': '「{field}」须为月份（年-月，如 2026-03）', en: '{field}: {rule}' },
  field_not_year: { 'zh-CN': '「{field}」须为年份（如 2026）', en: '{field}: {rule}' },
  date_out_of_range: {
    'zh-CN': '「{field}」须在 1990-01-01 至 2100-12-31 之间',
    en: '{field}: {rule}',
  },
  integer_out_of_range: { 'zh-CN': '「{field}」须为 {min} 至 {max} 的整数', en: '{field}: {rule}' },
  body_not_object: { 'zh-CN': '请求内容须为 JSON 对象', en: 'body: must be a JSON object' },
  json_too_deep: {
    'zh-CN': '请求内容嵌套过深（最多 {limit} 层）',
    en: 'body: JSON must nest at most {limit} levels deep (objects and arrays count)',
  },
  bad_json: { 'zh-CN': '请求内容不是有效的 JSON', en: '{detail}' },

  date_in_future: {
    'zh-CN': '「{field}」不能晚于今天（{today}）',
    en: '{field}: must not be in the future (today is {today})',
  },
  date_before: {
    'zh-CN': '「{field}」不能早于{other} {otherDate}',
    en: '{field}: must not be before {other} ({otherDate})',
  },
  month_in_future: {
    'zh-CN': '「{field}」不能晚于本月（{currentMonth}）',
    en: '{field}: must not be after the current month ({currentMonth})',
  },
  month_outside_year: {
    'zh-CN': '「{field}」须为 {year} 年内的月份（重点工程所属年度）',
    en: "{field}: must be a month of {year} (the key work's year)",
  },
  date_outside_year: {
    'zh-CN': '第 {row} 条的日期须为 {year} 年内的日期',
    en: '{field}: must be a date of {year}',
  },
  arrangement_source_both: {
    'zh-CN': '请提供通知文字或 .ics 文件之一（不能都提供，也不能都不提供）',
    en: '{field}: give either the notice text or the .ics file, not both',
  },
  arrangement_no_holiday: {
    'zh-CN': '「{field}」须至少包含一个节假日',
    en: '{field}: must hold at least one holiday',
  },
  amount_not_positive: { 'zh-CN': '「{field}」须大于 0', en: '{field}: must be more than 0' },
  amount_total_too_large: {
    'zh-CN': '「{field}」累计到位资金将超过上限 {limit} 万元',
    en: '{field}: the funds total would exceed {limit}',
  },
  funds_over_contract: {
    'zh-CN': '累计到位资金将达 {total} 万元，超过合同投资额 {contractAmount} 万元，请确认后再登记',
    en:
      '{field}: the funds arrived would total {total}, more than the contract amount ' +
      '{contractAmount}; send confirmOverContract: true to record it',
  },
  unknown_reference: {
    'zh-CN': '「{field}」所指的{entity} {id} 不存在',
    en: '{field}: no {entity} with id {id}',
  },
  not_on_managed_list: {
    'zh-CN': '「{field}」须为维护的清单中的值（{allowed}）',
    en: '{field}: must be on the managed {field} list ({allowed})',
  },
  not_more_than: { 'zh-CN': '「{field}」不能超过{other}', en: '{field}: must not exceed {other}' },
  reason_required: { 'zh-CN': '「{field}」必须填写：{purpose}', en: '{field}: is required {purposeEn}' },
  department_required: {
    'zh-CN': '部门用户须指定「{field}」',
    en: '{field}: is required for a department user',
  },
  days_not_whole: {
    'zh-CN': '「{field}」须为不小于 1 的整数个工作日',
    en: '{field}: must be a whole number of working days ≥ 1',
  },
  webhook_secret_format: {
    'zh-CN': '「{field}」须为 1–200 个可见 ASCII 字符，不含空格',
    en: '{field}: must be 1–200 visible ASCII characters without spaces',
  },
  webhook_needs_url: { 'zh-CN': '设置「{field}」前须先填写推送地址', en: '{field}: needs a webhookUrl' },
  webhook_secret_not_taken: {
    'zh-CN': '{kind}机器人不使用签名密钥',
    en: '{field}: a {kind} robot takes no signing secret',
  },

  wrong_credentials: { 'zh-CN': '用户名或密码错误', en: 'wrong username or password' },
  sign_in_required: {
    'zh-CN': '请先登录',
    en: 'sign in first (Authorization: Bearer <token>)',
  },
  token_invalid: {
    'zh-CN': '登录已失效，请重新登录',
    en: 'the token is invalid or expired, or the session has ended',
  },
  refresh_token_invalid: { 'zh-CN': '登录已失效，请重新登录', en: 'invalid refresh token' },
  refresh_token_missing: { 'zh-CN': '登录已失效，请重新登录（缺少刷新令牌）', en: 'no refresh token' },
  user_gone: { 'zh-CN': '该用户已不存在', en: 'the user no longer exists' },
  login_unavailable: {
    'zh-CN': '登录暂时不可用，请稍后重试',
    en: 'sign-in is unavailable for a moment; try again shortly',
  },
  login_throttled: {
    'zh-CN': '登录失败次数过多，请 {retryAfterSeconds} 秒后重试',
    en: 'too many failed sign-ins; try again in {retryAfterSeconds} s',
  },
  username_taken: { 'zh-CN': '用户名「{username}」已被占用', en: 'username: "{username}" is taken' },
  username_empty: { 'zh-CN': '用户名不能为空', en: 'username: must not be empty' },
  username_too_long: {
    'zh-CN': '用户名不能超过 {limit} 个字符',
    en: 'username: must be at most {limit} characters',
  },
  username_invisible_character: {
    'zh-CN': '用户名不能含不可见字符、控制字符或零宽字符（发现 {found}）',
    en: 'username: must not contain invisible, control or zero-width characters (found {found})',
  },
  username_inner_whitespace: {
    'zh-CN': '用户名中间不能有空格',
    en: 'username: must not contain spaces or other whitespace',
  },
  username_format: {
    'zh-CN': '用户名须为 3–64 位小写字母、数字或 . _ -',
    en: 'username: must be 3–64 lower-case letters, digits, ".", "_" or "-"',
  },
  password_too_short: {
    'zh-CN': '密码至少 {limit} 个字符',
    en: 'password: must be at least {limit} characters',
  },
  password_too_long: {
    'zh-CN': '密码不能超过 {limit} 个字符',
    en: 'password: must be at most {limit} characters',
  },
  password_repetitive: {
    'zh-CN': '密码须至少包含 4 个不同的字符',
    en: 'password: must contain at least 4 different characters',
  },
  password_sequence: { 'zh-CN': '密码不能主要由连续字符（如 123456、qwerty）组成', en: 'password: {rule}' },
  password_common: { 'zh-CN': '密码过于常见，请换一个', en: 'password: {rule}' },
  password_contains_username: {
    'zh-CN': '密码不能包含用户名',
    en: 'password: must not contain the username',
  },
  password_contains_app_name: { 'zh-CN': '密码不能包含系统名称', en: 'password: {rule}' },
  route_closed: { 'zh-CN': '此接口不对任何角色开放', en: 'this route is not open to anyone' },
  role_not_allowed: { 'zh-CN': '当前角色（{role}）无权执行此操作', en: 'role "{role}" may not {route}' },
  last_admin: {
    'zh-CN': '这是最后一个启用的管理员，不能停用或改变其角色',
    en: '{detail}',
  },
  leader_extensions_only: {
    'zh-CN': '区领导只能审批延期',
    en: 'role "leader" may record only extensions (not "{type}")',
  },

  state_conflict: {
    'zh-CN': '当前状态（{state}）下不允许此操作',
    en: 'not allowed in state "{state}": {rule}',
  },
  already_exists: {
    'zh-CN': '「{field}」为「{value}」的{entity}已存在',
    en: '{field}: {entity} "{value}" already exists',
  },
  project_terminated: {
    'zh-CN': '项目已终止，不能再变更阶段',
    en: 'not allowed in state "terminated": a terminated project takes no more stage changes',
  },
  stage_order: {
    'zh-CN': '项目当前处于「{state}」阶段，不能变更为「{target}」',
    en: 'not allowed in state "{state}": {rule}',
  },
  stage_not_signed: {
    'zh-CN': '只有已签约的项目才能登记到位资金（当前阶段：{state}）',
    en: 'not allowed in state "{state}": funds can be recorded only on a signed project',
  },
  fund_entry_is_reversal: {
    'zh-CN': '该笔资金记录（{fundId}）是冲销记录，不能再冲销或更正',
    en: '{field}: entry {fundId} is a reversal and cannot be reversed',
  },
  fund_entry_already_reversed: {
    'zh-CN': '该笔资金记录（{fundId}）已被冲销或更正',
    en: '{field}: entry {fundId} is already reversed or corrected',
  },
  milestone_has_events: {
    'zh-CN': '该审批事项已有 {events} 条办理记录，不能删除（办理记录须保留）',
    en: '{field}: milestone {id} has {events} event(s) and cannot be removed',
  },
  alert_resolved: {
    'zh-CN': '该预警已解除，无需再处理',
    en: 'not allowed in state "resolved": {rule}',
  },
  alert_already_acknowledged: {
    'zh-CN': '该预警（{level} 级）已签收',
    en: 'not allowed in state "acknowledged": level {level} is already acknowledged',
  },
  alert_not_acknowledged: {
    'zh-CN': '请先签收预警再反馈',
    en: 'not allowed in state "{state}": acknowledge the alert before answering it',
  },
  milestone_event_not_allowed: {
    'zh-CN': '审批事项当前状态（{state}）下不能登记此事件',
    en: 'not allowed in state "{state}": {rule}',
  },
  milestone_event_before_previous: {
    'zh-CN': '「{field}」不能早于上一事件（{previous}）',
    en: '{field}: must not be before the previous event ({previous})',
  },
  cure_deadline_out_of_range: {
    'zh-CN': '「{field}」须晚于受理日（{acceptedOn}），且不晚于承诺时限 {promisedDays} 个工作日（{limit}）',
    en: '{field}: must be after the acceptance date ({acceptedOn}) and within the promised {promisedDays} working days ({limit})',
  },
  verify_by_before_approval: {
    'zh-CN': '「{field}」不能早于准予日（{approvedOn}）',
    en: '{field}: must not be before the approval date ({approvedOn})',
  },
  milestone_duplicate: { 'zh-CN': '该项目已有此审批事项', en: '{detail}' },
  route_empty: { 'zh-CN': '审批路线至少须有一个审批事项', en: '{field}: a route needs at least one item' },
  route_stage_invalid: {
    'zh-CN': '审批事项 {itemCode} 的阶段须为 1–4（收到 {stage}）',
    en: '{field}: the stage of {itemCode} must be 1–4 (got {stage})',
  },
  route_item_duplicate: {
    'zh-CN': '审批事项 {itemCode} 在路线中出现了不止一次',
    en: '{field}: {itemCode} appears more than once on the route',
  },
  route_after_unknown: {
    'zh-CN': '审批事项 {itemCode} 的前置事项 {after} 不在路线中',
    en: '{field}: {itemCode} follows {after}, which is not on the route',
  },
  route_after_other_stage: {
    'zh-CN': '审批事项 {itemCode} 的前置事项 {after} 不在同一阶段（前置事项只能是本阶段的事项）',
    en: '{field}: {itemCode} follows {after} of another stage (after links stay within a stage)',
  },
  route_after_cycle: {
    'zh-CN': '前置关系构成循环：{cycle}（同一阶段的事项不能互为前置）',
    en: '{field}: the after links form a cycle: {cycle}',
  },
  route_already_applied: {
    'zh-CN': '该项目已应用审批路线（{template}），如需更换请明确选择“替换”',
    en: 'the project already follows a route ({template}); send replace: true to replace it',
  },
  route_not_applied: {
    'zh-CN': '该项目尚未应用审批路线',
    en: 'the project has no approval route yet: apply a template first',
  },
  route_without_construct: {
    'zh-CN': '该项目的审批路线不含施工许可（CONSTRUCT），无法预计开工日期',
    en: 'the route of the project has no CONSTRUCT item: its start date cannot be forecast',
  },
  route_item_not_planned: {
    'zh-CN': '只能移出尚未办理的审批事项（当前：{state}，已有 {events} 条办理记录）',
    en: 'only a planned item without events can be dropped (state {state}, {events} event(s))',
  },
  route_template_inactive: {
    'zh-CN': '审批路线模板「{name}」已停用，不能应用',
    en: 'route template "{name}" is inactive and cannot be applied',
  },
  key_work_duplicate: { 'zh-CN': '该项目在 {year} 年已列为重点工程', en: '{detail}' },
  key_work_report_duplicate: { 'zh-CN': '{month} 的月报已存在，请修改原月报', en: '{detail}' },
  delivery_not_failed: {
    'zh-CN': '只有发送失败的通知才能重发（当前：{state}）',
    en: 'not allowed in state "{state}": {rule}',
  },
  live_streams_exhausted: {
    'zh-CN': '同时打开的实时连接过多，请关闭其他页面或设备后重试',
    en: '{detail}',
  },

  import_unreadable: {
    'zh-CN': '文件不是可读取的 .xlsx 工作簿',
    en: 'file: is not a readable .xlsx workbook',
  },
  import_no_sheet: { 'zh-CN': '工作簿中没有工作表', en: 'file: the workbook has no worksheet' },
  import_no_rows: { 'zh-CN': '文件中没有项目数据行', en: 'file: no project rows found' },
  import_missing_columns: { 'zh-CN': '缺少必需的列：{columns}', en: '{detail}' },
  import_rows_invalid: {
    'zh-CN': '有 {count} 处错误，未导入任何行，请按错误表修改后重新导入',
    en: '{detail}',
  },
  import_busy: { 'zh-CN': '正在处理其他导入，请 {retryAfterSeconds} 秒后重试', en: '{detail}' },
  import_upload_timeout: { 'zh-CN': '文件在 {limitSeconds} 秒内未上传完成，请重试', en: '{detail}' },
  import_too_large: { 'zh-CN': '文件解压后超过上限（每次导入最多 {limitBytes} 字节）', en: '{detail}' },
  import_too_many_rows: { 'zh-CN': '一次最多导入 {limitRows} 行', en: '{detail}' },
  import_not_multipart: {
    'zh-CN': '请以 multipart/form-data 上传文件',
    en: 'file: send multipart/form-data with a file field',
  },
  import_file_missing: { 'zh-CN': '请选择要导入的文件', en: 'file: is required (multipart field "file")' },

  duplicate_value: {
    'zh-CN': '已有相同的记录（唯一值重复），未作更改',
    en: 'conflict: a record with the same unique value already exists',
  },
  busy: {
    'zh-CN': '数据正被其他请求修改，请稍后重试',
    en: 'busy: the record is being changed by another request; nothing was changed, try again',
  },
  database_busy: {
    'zh-CN': '数据库繁忙，请稍后重试',
    en: 'database busy: no connection came free in time',
  },
  database_unavailable: {
    'zh-CN': '数据库暂时不可用，请稍后重试',
    en: 'the database is unavailable; retry shortly',
  },

  unknown_department: {
    'zh-CN': '「{field}」所指的部门 {id} 不存在',
    en: '{field}: no department with id {id}',
  },
  due_date_before_raised: {
    'zh-CN': '「{field}」不能早于提出日期 {raisedAt}',
    en: '{field}: must not be before raisedAt ({raisedAt})',
  },
  chair_not_leader: {
    'zh-CN': '「{field}」须为启用的区领导（{id} 不是）',
    en: '{field}: must be an enabled leader, not {id}',
  },
  decision_field_required: {
    'zh-CN': '「{decisionKind}」类决定须填写「{field}」',
    en: '{field}: is required for a "{decisionKind}" decision',
  },
  decision_without_change: {
    'zh-CN': '变更类决定须至少变更以下一项：{changes}',
    en: '{field}: an "update" decision changes one of {changes}',
  },
  problem_closed: {
    'zh-CN': '问题 {problemCode} 已销号，不能再改派或变更',
    en: '{field}: problem {problemCode} is closed and cannot be reassigned',
  },
  problem_not_overdue: {
    'zh-CN': '问题 {problemCode} 尚未逾期（办结时限 {dueDate}），不能据此发督办函',
    en: '{field}: problem {problemCode} is not overdue (due {dueDate})',
  },
  alert_not_escalated: {
    'zh-CN': '预警 {alertId} 不是未解除的三级（督办）预警',
    en: '{field}: alert {alertId} is not an unresolved level-3 alert',
  },
  reply_due_in_past: {
    'zh-CN': '「{field}」不能早于今天（{today}）',
    en: '{field}: must not be before today ({today})',
  },
  problem_action_forbidden: {
    'zh-CN': '当前用户无权对该问题执行此操作（{action}）',
    en: 'action "{action}" is taken only by {who}',
  },
  problem_action_not_allowed: {
    'zh-CN': '问题当前状态（{state}）下不能执行此操作（{action}）',
    en: 'not allowed in state "{state}": {rule}',
  },
  problem_text_required: {
    'zh-CN': '此操作（{action}）须填写「{field}」',
    en: '{field}: "{action}" needs a {what} (text must not be empty)',
  },
  meeting_closed: {
    'zh-CN': '会议已结束，不能再记录决定或再次结束',
    en: 'not allowed in state "{state}": {rule}',
  },
  notice_not_issued: {
    'zh-CN': '督办函只能在下发后签收一次（当前：{state}）',
    en: 'not allowed in state "{state}": {rule}',
  },
  notice_not_signed: {
    'zh-CN': '督办函须先签收，且只能反馈一次（当前：{state}）',
    en: 'not allowed in state "{state}": {rule}',
  },
  credit_code_format: {
    'zh-CN': '「{field}」须为 18 位统一社会信用代码（数字和大写字母，不含 I O Z S V）',
    en: '{field}: must be an 18-character unified social credit code (digits and capitals but I, O, Z, S, V)',
  },
  credit_code_check: {
    'zh-CN': '「{field}」校验码不正确（GB 32100-2015），请核对',
    en: '{field}: the check character is wrong (GB 32100-2015)',
  },
  credit_code_taken: {
    'zh-CN': '统一社会信用代码 {creditCode} 已用于项目 {projectCode}',
    en: '{field}: {creditCode} is already the credit code of project {projectCode}',
  },
  clause_field_not_taken: {
    'zh-CN': '「{indicator}」条款不使用「{field}」',
    en: '{field}: is not taken by a {indicator} clause',
  },
  clawback_ratio_range: {
    'zh-CN': '「{field}」须为 0 至 1 之间、最多四位小数的比例',
    en: '{field}: must be a ratio from 0 to 1 with at most four decimals',
  },
  actual_period_format: {
    'zh-CN': '「{field}」须为年份（2026）、季度（2026-Q1）或月份（2026-03）',
    en: '{field}: must be a year (2026), a quarter (2026-Q1) or a month (2026-03)',
  },
  actual_empty: {
    'zh-CN': '请至少填写一项实绩（税收、产值、固定资产投资、用工人数）',
    en: '{field}: give at least one of taxPaid, outputValue, fixedAssetInvestment, headcount',
  },
  review_not_due: {
    'zh-CN': '项目尚未到达产时间，也未达产，暂不能复核',
    en: 'the project has neither passed its full_production_by date nor reached full production',
  },
  review_decided: {
    'zh-CN': '该项目的达产复核已作出决定，不能重复决定',
    en: 'the review of this project is already decided',
  },
  review_amount_accept: {
    'zh-CN': '按建议追缴时金额须为建议金额 {recommended} 万元',
    en: '{field}: accepting takes the recommended clawback ({recommended})',
  },
  review_amount_waive: { 'zh-CN': '免于追缴时金额须为 0', en: '{field}: waiving takes no amount (or 0)' },
  review_amount_not_below: {
    'zh-CN': '减额追缴金额须小于建议金额 {recommended} 万元',
    en: '{field}: a reduced clawback must be below the recommended {recommended}',
  },
  project_code_format: {
    'zh-CN': '「{field}」须为 24 位项目代码，格式 4-6-2-2-6 位数字（如 2026-330106-04-01-000001）',
    en: '{field}: must be a 24-character project code of digit groups 4-6-2-2-6 (e.g. 2026-330106-04-01-000001)',
  },
  project_code_region: {
    'zh-CN': '「{field}」的区划代码 {region} 不属于本区（须以 {prefix} 开头）',
    en: '{field}: region group {region} is outside the district (must start with {prefix})',
  },
  project_code_taken: {
    'zh-CN': '项目代码 {value} 已用于项目 {holder}（项目代码在未终止的项目中唯一）',
    en: '{field}: {value} is already the project code of project {holder} (unique among live projects)',
  },
  project_code_required: {
    'zh-CN': '项目 {project} 尚无项目代码，不能受理「{itemName}」（仅企业投资项目备案可在无代码时受理）',
    en: 'project {project} has no project code: {itemCode} cannot be accepted without one (only FILING can)',
  },
};

/**
 * Chinese names of request fields, read by `{field}` and `{other}` (in English the API's field name
 * is the name). A field without an entry shows its API name; add one when you add a field.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  action: '操作',
  agreedDate: '约定日期',
  agreedValue: '约定值',
  amount: '金额',
  annualPlanInvestment: '年度计划投资',
  asOf: '截至日期',
  at: '日期',
  attendeeDepartmentIds: '参会部门',
  body: '请求内容',
  by: '分组方式',
  category: '类别',
  chairUserId: '主持区领导',
  clawbackBasis: '追缴基数',
  clawbackRatio: '追缴比例',
  closedFrom: '销号日期起',
  closedTo: '销号日期止',
  code: '编号',
  coDepartmentIds: '配合单位',
  completedInvestment: '完成投资',
  confirmOverContract: '确认超出合同投资额',
  contractAmount: '合同投资额',
  creditCode: '统一社会信用代码',
  projectCode: '项目代码',
  regionCodePrefix: '区划代码前缀',
  date: '日期',
  days: '天数',
  decision: '复核决定',
  departmentId: '部门',
  description: '说明',
  displayName: '姓名',
  done: '已办结情况',
  dueDate: '办结时限',
  email: '电子邮件',
  enabled: '启用',
  entries: '日期条目',
  expectedDate: '预计完成日期',
  file: '文件',
  fixedAssetInvestment: '固定资产投资',
  fullProductionAt: '达产日期',
  ids: '项目范围',
  fundId: '资金记录',
  headcount: '用工人数',
  id: '编号',
  indicator: '履约指标',
  industry: '行业',
  investor: '投资方',
  investorOrigin: '投资方来源',
  itemCode: '审批事项',
  kind: '类型',
  landAreaMu: '供地面积（亩）',
  landSuppliedAt: '供地日期',
  leadDepartmentId: '牵头部门',
  leadOfficial: '联系区领导',
  level: '级别',
  location: '落地位置',
  materials: '材料',
  measures: '督办措施',
  month: '月份',
  name: '名称',
  note: '备注',
  open: '未办结',
  operatingAt: '投产日期',
  outputValue: '产值',
  overdue: '逾期',
  ownerDepartmentId: '责任单位',
  page: '页码',
  pageSize: '每页条数',
  password: '密码',
  period: '期间',
  plannedStartDate: '计划开工日期',
  plannedStartFrom: '计划开工日期起',
  plannedStartTo: '计划开工日期止',
  plannedStartMonth: '计划开工月份',
  problemId: '问题',
  progress: '进展',
  projectId: '项目',
  promisedDays: '承诺时限',
  q: '搜索词',
  raisedAt: '提出日期',
  reason: '原因',
  registeredAt: '注册落地日期',
  remaining: '未办结事项',
  replyDueDate: '反馈期限',
  role: '角色',
  signedAt: '签约日期',
  signedFrom: '签约日期起',
  signedTo: '签约日期止',
  source: '签约活动',
  sourceId: '督办来源',
  sourceType: '来源类型',
  stage: '阶段',
  targetDays: '路线目标工作日',
  templateId: '路线模板',
  after: '前置事项',
  items: '路线事项',
  replace: '替换',
  active: '启用',
  startedAt: '开工日期',
  startedFrom: '开工日期起',
  startedTo: '开工日期止',
  status: '状态',
  statutoryDays: '法定时限',
  subjectId: '所属对象',
  subjectType: '对象类型',
  supervised: '督办',
  talksStartedAt: '洽谈开始日期',
  talksYear: '洽谈年度',
  taxPaid: '税收',
  terminatedAt: '终止日期',
  text: '说明',
  title: '标题',
  type: '类型',
  username: '用户名',
  webhookKind: '机器人类型',
  webhookSecret: '签名密钥',
  webhookUrl: '推送地址',
  year: '年度',
};

/** Chinese names of the things `not_found`, `unknown_reference` and `already_exists` speak of. */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  alert: '预警',
  'approval item': '审批事项',
  'calendar override': '日历调整',
  delivery: '通知',
  fund: '资金记录',
  industry: '产业类别',
  location: '乡镇/园区',
  source: '签约活动',
  department: '部门',
  'key work': '重点工程',
  'list item': '清单项',
  milestone: '审批事项',
  project: '项目',
  report: '月报',
  user: '用户',
  decision: '会议决定',
  meeting: '调度会',
  notice: '督办函',
  problem: '问题',
  clause: '履约条款',
  subsidy: '扶持资金记录',
  review: '达产复核',
  'route template': '审批路线模板',
};

function labelOf(labels: Readonly<Record<string, string>>, key: string, locale: Locale): string {
  return locale === 'en' ? key : (labels[key] ?? key);
}

/** The message of `code` in `locale`, its `{name}` placeholders filled from `params`. */
export function renderErrorMessage(
  code: ErrorCode,
  params: ErrorParams = {},
  locale: Locale = 'zh-CN',
): string {
  const template = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return name === 'detail' ? code.replace(/_/g, ' ') : '';
    const text = String(value);
    // `fieldLabel` names the field in words when its API name is generic (`at` of a stage change).
    if (name === 'field') return labelOf(FIELD_LABELS, String(params['fieldLabel'] ?? text), locale);
    if (name === 'other') return labelOf(FIELD_LABELS, text, locale);
    if (name === 'entity') return labelOf(ENTITY_LABELS, text, locale);
    return text;
  });
}

/**
 * The language to answer in for an `Accept-Language` header: the supported language with the highest
 * q-value (`zh`, `zh-CN`, `zh-Hans…` → zh-CN; `en`, `en-US…` → en; `*` → the default), ties kept in the
 * header's order, q=0 meaning "not this one". zh-CN when the header is absent or names neither.
 */
export function negotiateLocale(header: string | readonly string[] | null | undefined): Locale {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { locale: Locale; q: number } | null = null;
  const refused = new Set<Locale>();
  for (const part of String(text).split(',')) {
    const [rawTag, ...rawParams] = part.trim().split(';');
    const tag = (rawTag ?? '').trim().toLowerCase();
    if (!tag) continue;
    let q = 1;
    for (const param of rawParams) {
      const [name, value] = param.split('=').map((piece) => piece.trim());
      // A malformed weight (q=abc) makes the whole entry unusable, as RFC 9110 reads it.
      if (name?.toLowerCase() === 'q')
        q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : NaN;
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) continue;
    const locale: Locale | null =
      tag === 'zh' || tag.startsWith('zh-')
        ? 'zh-CN'
        : tag === 'en' || tag.startsWith('en-')
          ? 'en'
          : tag === '*'
            ? 'zh-CN'
            : null;
    if (!locale) continue;
    if (q === 0) {
      refused.add(locale);
      continue;
    }
    if (!best || q > best.q) best = { locale, q };
  }
  if (best && !refused.has(best.locale)) return best.locale;
  if (refused.has('zh-CN') && !refused.has('en')) return 'en';
  return 'zh-CN';
}
