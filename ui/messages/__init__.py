"""Message Center (消息中心): the message records page, its detail panel and resends."""
