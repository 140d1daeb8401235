"""身份管理 › 審批流程配置 (Identity › Approval Flow Settings): who approves each work-order flow."""
