"""身份管理 › 審計日誌 (Identity › Audit Log): the audit trail read, checked and exported."""
