#!/usr/bin/env bash
# Mutation testing with cargo-mutants (`cargo install --locked cargo-mutants`),
# one group of source files at a time, each against the tests that cover it:
# the library's unit tests and the modules of the integration binary `it`
# (package `sms-sla-tests`) named by the group, by test-name filter. The
# doctests and the slow exhaustive term walk are left out; a full pass
# (about 1,400 mutants) still takes some five hours on two cores, so run
# the groups a change touches.
#
# Usage: tools/mutants.sh [GROUP...]   (default: every group)
#        MUTANTS_ITERATE=1 tools/mutants.sh ...   retests only the mutants an
#        earlier run in the same output directory did not catch.
# Output: mutants.out/<group>/mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt)
#
# cargo-mutants builds every test target of the tree it copies, so run it
# from a clean checkout if you are editing tests meanwhile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# files: the source files the group mutates (globs allowed).
# filters: libtest's test-name filters (a test runs when its name contains
# one), for unit tests (`term::tests::...`) and integration modules
# (`term::...`, `bad_input::...`) alike; `properties::` also selects
# `traffic_properties::` and the other `*_properties::` modules.
# targets: the test binaries besides the library's.
declare -A files filters targets
files[term]="src/term.rs src/zone.rs"
filters[term]="term:: zone:: properties:: api:: bad_input:: claim::"
files[tally]="src/traffic/tally.rs src/traffic/ledger.rs src/traffic/ledger/*.rs src/traffic/slot.rs"
filters[tally]="traffic:: traffic_properties:: bad_input:: report:: api:: arrow::"
targets[tally]="--test memory"
files[traffic]="src/traffic.rs src/traffic/rules.rs src/traffic/outcome.rs src/traffic/record.rs src/traffic/number.rs src/availability.rs"
filters[traffic]="traffic:: traffic_properties:: bad_input:: tencent:: report:: api::"
files[money]="src/money.rs src/money/*.rs src/compensation.rs src/compensation/*.rs src/policy.rs"
filters[money]="money:: compensation:: compensation_properties:: bad_input:: report:: claim:: api::"
files[calendar]="src/calendar.rs src/calendar/china.rs src/claim.rs"
filters[calendar]="calendar:: claim:: bad_input::"
files[assess]="src/assess.rs src/assess/*.rs"
filters[assess]="report:: bad_input:: api:: message_log:: evidence:: day_by_day::"
files[tencent]="src/tencent.rs src/tencent/*.rs src/tencent/log/*.rs src/error/*.rs"
filters[tencent]="tencent:: message_log:: message_log_properties:: evidence:: bad_input:: report:: day_by_day::"
files[day_by_day]="src/tencent/log/stored.rs src/tencent/log/sealed.rs"
filters[day_by_day]="day_by_day:: message_log_properties:: message_log:: report:: log::stored::"
files[arrow]="src/arrow.rs"
filters[arrow]="arrow:: traffic_properties::"
files[stored]="src/stored.rs src/serde_text.rs src/display.rs"
filters[stored]="report:: api:: properties:: bad_input::"

groups=("$@")
[[ ${#groups[@]} -eq 0 ]] && groups=(term tally traffic money calendar assess tencent arrow stored)

for group in "${groups[@]}"; do
    [[ -n "${files[$group]:-}" ]] || { echo "unknown group: $group" >&2; exit 2; }
    file_args=()
    for f in ${files[$group]}; do file_args+=(--file "$f"); done
    echo "=== $group: ${files[$group]}"
    mkdir -p "mutants.out/$group"
    # cargo-mutants exits 2 when a mutant is missed and 3 on a timeout;
    # the counts are what matter here, so carry on to the next group.
    status=0
    iterate=()
    [[ -n "${MUTANTS_ITERATE:-}" ]] && iterate=(--iterate)
    # The baseline: the same tests on the unmutated tree must pass.
    # (cargo-mutants' own baseline runs the mutated package's tests only,
    # whatever `--test-package` says, so it is skipped below.)
    # shellcheck disable=SC2086 # targets and filters are lists of words
    cargo test --quiet --all-features -p sms-sla -p sms-sla-tests \
        --lib --test it ${targets[$group]:-} -- ${filters[$group]}
    # shellcheck disable=SC2086
    cargo mutants --all-features --jobs 2 --timeout 120 --baseline skip "${iterate[@]}" \
        --test-package sms-sla --test-package sms-sla-tests --exclude '**/tests.rs' \
        --output "mutants.out/$group" "${file_args[@]}" \
        -- --lib --test it ${targets[$group]:-} -- ${filters[$group]} || status=$?
    echo "=== $group: exit $status"
done
