#!/usr/bin/python3
"""A real SMTP server on loopback for the e-mail tests (Debian's aiosmtpd).

    smtp-server.py --dir DIR [--tls starttls|tls|none] [--cert C --key K]
                   [--user U --password P] [--refuse ADDRESS]...
                   [--tempfail-once ADDRESS]... [--delay-ms N]
                   [--slow ADDRESS]... [--slow-ms N]

Listens on 127.0.0.1 on a free port and writes the port to DIR/port when it
is ready. Each message is stored as it arrived (the bytes after DATA, with
the envelope in front) in DIR/mail/NNNNNN.eml, written under a temporary
name and renamed, before the server answers 250. DIR/connections gets a
line per connection and DIR/auth a line per successful AUTH, so that a test
can count them.

--refuse ADDRESS answers RCPT TO for ADDRESS with 550. --tempfail-once
ADDRESS answers the end of DATA for ADDRESS with 451 the first time.
--delay-ms N waits up to N ms (at random) before storing a message, and
as long again after storing it before answering, so that a sender killed
at a random moment is often killed while the server holds its message.
--slow ADDRESS holds the answer to the end of DATA for ADDRESS for
--slow-ms (default 3000) after storing the message: the window of doubt,
made wide on purpose.
"""

import argparse
import asyncio
import os
import random
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Store:
    def __init__(self, args):
        self.dir = args.dir
        self.mail = os.path.join(args.dir, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.refuse = {a.lower() for a in args.refuse}
        self.tempfail = {a.lower() for a in args.tempfail_once}
        self.delay_ms = args.delay_ms
        self.slow = {a.lower() for a in args.slow}
        self.slow_ms = args.slow_ms
        self.seq = len(os.listdir(self.mail))

    def log(self, name, line):
        with open(os.path.join(self.dir, name), "a") as f:
            f.write(line + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        rcpts = [a.lower() for a in envelope.rcpt_tos]
        for a in rcpts:
            if a in self.tempfail:
                self.tempfail.discard(a)
                self.log("tempfailed", a)
                return "451 4.3.0 Temporary failure, try again later"
        if self.delay_ms:
            await asyncio.sleep(random.uniform(0, self.delay_ms) / 1000)
        self.seq += 1
        name = "%06d.eml" % self.seq
        tmp = os.path.join(self.mail, "." + name)
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + (envelope.mail_from or "").encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.mail, name))
        if self.delay_ms:
            await asyncio.sleep(random.uniform(0, self.delay_ms) / 1000)
        if any(a in self.slow for a in rcpts):
            self.log("slow", ",".join(rcpts))
            await asyncio.sleep(self.slow_ms / 1000)
        return "250 2.0.0 Ok: queued as M%06d" % self.seq


class Authenticator:
    def __init__(self, store, user, password):
        self.store = store
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login == self.user
                and auth_data.password == self.password):
            self.store.log("auth", mechanism)
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--tls", default="starttls", choices=["starttls", "tls", "none"])
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--tempfail-once", action="append", default=[])
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--slow", action="append", default=[])
    p.add_argument("--slow-ms", type=int, default=3000)
    args = p.parse_args()

    store = Store(args)
    ctx = None
    if args.tls != "none":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)

    auth = Authenticator(store, args.user, args.password) if args.user else None

    def factory():
        store.log("connections", "connect")
        return SMTP(store,
                    hostname="localhost",
                    tls_context=ctx if args.tls == "starttls" else None,
                    require_starttls=args.tls == "starttls",
                    authenticator=auth,
                    auth_required=auth is not None,
                    # aiosmtpd only knows a connection is encrypted after
                    # STARTTLS; with TLS from the start it is anyway
                    auth_require_tls=args.tls == "starttls",
                    enable_SMTPUTF8=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, "127.0.0.1", 0,
                           ssl=ctx if args.tls == "tls" else None))
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write("%d\n" % port)
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))

    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    loop.run_forever()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
