"""Risk › Margin Call: the borrowing accounts and the auto-convert enrolment query."""
