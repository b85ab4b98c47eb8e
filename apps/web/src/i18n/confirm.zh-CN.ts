/** Corrections and confirmations (资金更正/冲销, 不可撤销操作的确认, 未保存的输入, 登录过期), under `confirm`. */
const confirmZhCN = {
  confirm: {
    title: '请确认',
    proceed: '确定',
    cancel: '取消',
    unsaved: {
      title: '放弃未保存的内容？',
      message: '对话框中已填写的内容尚未保存，关闭后将丢失。',
      discard: '放弃并关闭',
      keep: '继续填写',
    },
    funds: {
      overContractTitle: '超过合同投资额',
      overContract:
        '登记后到位资金合计 {total} 万元，超过合同投资额 {contract} 万元。确认这笔资金无误并登记？',
      overContractWarning: '到位资金合计将超过合同投资额 {contract} 万元',
      record: '确认登记',
      reverse: '冲销',
      correct: '更正',
      reverseTitle: '冲销到位资金',
      reverseMessage:
        '将登记一笔 -{amount} 万元（{at}）的冲销记录，原记录保留并标记为已冲销，到位资金与各项指标随之减少。请填写冲销原因：',
      correctTitle: '更正到位资金',
      correctMessage:
        '将冲销原记录 {amount} 万元（{at}），并按下方金额和日期登记更正后的记录（均留痕）。请填写更正原因：',
      reasonPlaceholder: '原因（必填）',
      reasonRequired: '请填写原因（不超过 500 字）',
      reversed: '已冲销',
      reversal: '冲销 #{id}',
      correction: '更正 #{id}',
      reason: '原因：{reason}',
      reversedDone: '已冲销该笔资金',
      correctedDone: '已更正该笔资金',
      correctAmount: '更正后金额（万元）',
      correctDate: '更正后日期',
      correctSubmit: '提交更正',
    },
    terminate: {
      title: '终止项目',
      message:
        '项目「{name}」将被终止（{at}），此后不能再变更阶段或恢复；未办结的审批事项和预警不再推进。确定终止？',
      confirm: '确定终止',
    },
    settings: {
      title: '保存设置',
      message:
        '保存后将按新的阈值重新计算所有未办结审批事项的红黄灯和预警，已发出的预警可能升级或解除。确定保存？',
      confirm: '保存并重新计算',
    },
    catalog: {
      title: '修改事项时限',
      message: '事项「{name}」的时限改变后，所有未办结的该事项将重新计算办理期限和红黄灯。确定保存？',
      confirm: '保存并重新计算',
    },
    milestone: {
      remove: '移除',
      title: '移除审批事项',
      message: '将从项目中移除审批事项「{item}」（误添加、尚无任何办理记录）。移除会记入审计日志。确定移除？',
      confirm: '确定移除',
      removed: '已移除审批事项',
    },
    session: {
      title: '登录已过期',
      message: '请重新登录。您正在填写的内容会保留，登录后将继续提交。',
      username: '用户名',
      password: '密码',
      signIn: '登录并继续',
      leave: '放弃并前往登录页',
    },
  },
};

export type ConfirmMessages = typeof confirmZhCN;
export default confirmZhCN;
