"""`llmkg token create|list|revoke`: the bearer tokens that may submit (stored hashed)."""

from __future__ import annotations

import argparse
import json
import sys

from ..config import Settings
from ..submissions.tokens import TokenStore


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "token", help="create, list or revoke the tokens that may submit",
        description="Manage the bearer tokens that POST /submissions and DELETE /submissions/ID accept. Tokens "
        "are kept hashed in tokens.json beside the store (.llmkg/tokens.json by default); a running server "
        "sees changes at once.")
    sub = p.add_subparsers(title="actions", metavar="ACTION")
    c = sub.add_parser("create", parents=[common], help="make a token and print it once",
                       description="Make a token for NAME (the submitter recorded with each submission) and "
                       "print it once: only its SHA-256 is kept, so it cannot be shown again.")
    c.add_argument("name", metavar="NAME", help="who the token is for, e.g. 'alice' or 'Example Lab'")
    c.add_argument("--admin", action="store_true", help="may also withdraw other people's submissions")
    c.set_defaults(func=cmd_create)
    ls = sub.add_parser("list", parents=[common], help="list the tokens' names (never the tokens)",
                        description="List the names of the tokens, whether they are admin tokens and when "
                        "they were made.")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    ls.set_defaults(func=cmd_list)
    r = sub.add_parser("revoke", parents=[common], help="revoke a token by its name",
                       description="Revoke NAME's token: it is refused from now on. Submissions made with it stay.")
    r.add_argument("name", metavar="NAME")
    r.set_defaults(func=cmd_revoke)
    p.set_defaults(func=lambda args, settings: (p.print_help(), 2)[1])


def cmd_create(args: argparse.Namespace, settings: Settings) -> int:
    tokens = TokenStore.of(settings)
    secret = tokens.create(args.name, admin=args.admin)
    print(secret)
    print(f"token for {args.name!r}{' (admin)' if args.admin else ''} stored hashed in {tokens.path}; "
          "it is shown only this once. Use it as `Authorization: Bearer TOKEN` or `llmkg submit --token`.",
          file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    entries = [{k: e[k] for k in ("name", "admin", "created")} for e in TokenStore.of(settings).entries()]
    if args.format == "json":
        print(json.dumps(entries, indent=2))
    for e in entries if args.format == "text" else []:
        print(f"{e['name']}{'  (admin)' if e['admin'] else ''}  created {e['created']}")
    return 0


def cmd_revoke(args: argparse.Namespace, settings: Settings) -> int:
    TokenStore.of(settings).revoke(args.name)
    print(f"revoked the token of {args.name!r}", file=sys.stderr)
    return 0
