#!/usr/bin/python3
"""Does the sanitizer build run the whole command line under the sanitizers?

make test runs `meson test --suite cli` in build-asan (AddressSanitizer
and UndefinedBehaviorSanitizer). That covers the command line only if
every test that runs moteplass-cli is in the suite 'cli' (the window's
and the translations' tests aside), every script in tests/cli/ is one of
them, each runs the moteplass-cli of the build it is registered in, and
that binary carries the sanitizers. Prints TAP.

usage: test-sanitizer.py MOTEPLASS_CLI   (MP_BUILD_DIR, MP_SOURCE_DIR,
MP_SANITIZE as tests/meson.build sets them)
"""
import json
import os
import re
import subprocess
import sys

cli = os.path.realpath(sys.argv[1])
build = os.path.realpath(os.environ["MP_BUILD_DIR"])
source = os.path.realpath(os.environ["MP_SOURCE_DIR"])
sanitize = os.environ.get("MP_SANITIZE", "none")
results = []


def ok(what, passed, note=""):
    results.append((what, passed, note))


with open(os.path.join(build, "meson-info", "intro-tests.json")) as f:
    tests = json.load(f)


def runs_cli(test):
    for arg in test["cmd"][1:]:
        path = arg if os.path.isabs(arg) else os.path.join(test.get("workdir") or build, arg)
        if os.path.basename(arg) == "moteplass-cli":
            return os.path.realpath(path)
    return None


cli_tests = {}
for test in tests:
    binary = runs_cli(test)
    if binary is None:
        continue
    suites = [s.split(":")[-1] for s in test["suite"]]
    if "po" in suites or "ui" in suites:
        continue
    ok("%s (runs moteplass-cli) is in the suite cli" % test["name"], "cli" in suites,
       "suites: %s" % ", ".join(suites))
    ok("%s runs this build's moteplass-cli" % test["name"], binary == cli, binary)
    cli_tests[os.path.realpath(test["cmd"][0])] = test["name"]

scripts = sorted(f for f in os.listdir(os.path.join(source, "tests", "cli"))
                 if f.startswith("test-") and f != os.path.basename(__file__))
for script in scripts:
    path = os.path.realpath(os.path.join(source, "tests", "cli", script))
    ok("tests/cli/%s is a test of the suite cli" % script, path in cli_tests)

with open(os.path.join(source, "Makefile")) as f:
    makefile = f.read()
asan_runs = [line for line in makefile.splitlines()
             if re.search(r"meson test -C \$\(ASAN_BUILD\)", line)]
ok("make test runs the suite cli in the sanitizer build",
   any("--suite cli" in line for line in asan_runs), "; ".join(asan_runs))

if "address" in sanitize:
    env = dict(os.environ, ASAN_OPTIONS="help=1")
    run = subprocess.run([cli, "--version"], env=env, capture_output=True, text=True)
    ok("moteplass-cli carries AddressSanitizer",
       "Available flags for AddressSanitizer" in run.stderr)
else:
    results.append(("moteplass-cli carries AddressSanitizer", None, "not a sanitizer build"))
if "undefined" in sanitize:
    with open(cli, "rb") as f:
        ok("moteplass-cli carries UndefinedBehaviorSanitizer", b"__ubsan_handle" in f.read())
else:
    results.append(("moteplass-cli carries UndefinedBehaviorSanitizer", None, "not a sanitizer build"))

failed = False
for i, (what, passed, note) in enumerate(results, 1):
    if passed is None:
        print("ok %d - %s # SKIP %s" % (i, what, note))
    elif passed:
        print("ok %d - %s" % (i, what))
    else:
        failed = True
        print("not ok %d - %s" % (i, what))
        if note:
            print("# %s" % note)
print("1..%d" % len(results))
sys.exit(1 if failed else 0)
