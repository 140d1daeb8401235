"""Local delivery for the embedded default: a real SMTP server keeping mail in a Maildir and a
stand-in of an SMS gateway's HTTP API keeping a log, both on 127.0.0.1, so a new user can watch a
resend arrive without any outside service. ``python -m backend --local-delivery DIR`` runs them."""
