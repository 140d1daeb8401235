"""身份管理 (Identity): Users and Roles, administered under four eyes."""
