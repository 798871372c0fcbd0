// UI strings of identity hardening (issue 12): reset links, 三权分立 account keeping, claims.
// `zh` is the source; `en` has the same keys.

export const identityZh = {
  "users.email": "电子邮箱",
  "users.emailHelp": "安全管理员、安全审计员账户必填：本人通过发到该邮箱的一次性链接设置密码",
  "users.linkSent": "已向账户本人发送一次性设置密码链接（{to}），有效期至 {until}",
  "users.createdByLink": "账户已创建，设置密码的一次性链接已发送到本人邮箱",
  "users.custody":
    "三权分立：安全审计员账户由安全管理员管理，安全管理员账户由安全审计员管理，系统管理员不能授予这两种角色。",
  "reset.title": "设置新密码",
  "reset.intro": "请设置新的登录密码。此链接只能使用一次，过期后请联系管理员重新发送。",
  "reset.newPassword": "新密码",
  "reset.newPassword2": "再次输入新密码",
  "reset.mismatch": "两次输入的密码不一致",
  "reset.submit": "设置密码",
  "reset.done": "密码已设置，请使用新密码登录",
  "reset.noToken": "链接不完整：缺少一次性令牌",
  "reset.toLogin": "前往登录",
};

export const identityEn: Record<keyof typeof identityZh, string> = {
  "users.email": "E-mail",
  "users.emailHelp":
    "Required for security-admin and auditor accounts: the holder sets the password through a one-time link sent here",
  "users.linkSent":
    "A one-time link to set a new password went to the account holder ({to}); valid until {until}",
  "users.createdByLink": "Account created; the one-time link to set its password went to the holder's e-mail",
  "users.custody":
    "Separation of duties: auditor accounts are kept by the security admin, security-admin accounts by the auditor; the system admin cannot grant either role.",
  "reset.title": "Set a new password",
  "reset.intro": "Choose a new password. This link works once; when it has expired, ask for a new one.",
  "reset.newPassword": "New password",
  "reset.newPassword2": "New password again",
  "reset.mismatch": "The two passwords differ",
  "reset.submit": "Set password",
  "reset.done": "Password set; sign in with the new password",
  "reset.noToken": "Incomplete link: the one-time token is missing",
  "reset.toLogin": "Go to sign-in",
};
