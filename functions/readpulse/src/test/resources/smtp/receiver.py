"""A real SMTP server for the tests (Debian's python3-aiosmtpd): EHLO, optional STARTTLS (then
required), AUTH PLAIN/LOGIN against one user, and every accepted message saved as N.eml with
N.json (envelope, the AUTH user, whether the session was TLS) in the output folder.

usage: receiver.py PORT OUT_DIR [CERT_PEM KEY_PEM]; the password comes in SMTP_TEST_PASSWORD,
the user in SMTP_TEST_USER. Prints "ready" when it listens.
"""
import json
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, out = int(sys.argv[1]), sys.argv[2]
user, password = os.environ["SMTP_TEST_USER"], os.environ["SMTP_TEST_PASSWORD"]
tls = None
if len(sys.argv) > 4:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(sys.argv[3], sys.argv[4])
attempts = []


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    attempts.append({"mechanism": mechanism, "ok": ok})
    with open(os.path.join(out, "auth.json"), "w") as f:
        json.dump(attempts, f)
    return AuthResult(success=ok, auth_data=auth_data.login.decode() if ok else None)


class Saver:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Saver.count += 1
        name = os.path.join(out, str(Saver.count))
        with open(name + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(name + ".json.tmp", "w") as f:
            json.dump({"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
                       "authUser": session.auth_data, "tls": session.ssl is not None}, f)
        os.rename(name + ".json.tmp", name + ".json")
        return "250 OK"


controller = Controller(Saver(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                        auth_require_tls=tls is not None, tls_context=tls, require_starttls=tls is not None,
                        decode_data=False)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
