#!/usr/bin/env bash
# Mutation testing with cargo-mutants (`cargo install --locked cargo-mutants`),
# one group of source files at a time, each against the test binaries that
# cover it (the doctests and the slow exhaustive term walk are left out to
# keep a full pass to about 90 minutes on two cores).
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

declare -A files tests
files[term]="src/term.rs src/zone.rs"
tests[term]="--lib --test term --test properties --test api --test bad_input --test claim"
files[tally]="src/traffic/tally.rs src/traffic/ledger.rs"
tests[tally]="--lib --test traffic --test traffic_properties --test bad_input --test report --test api --test memory"
files[traffic]="src/traffic.rs src/traffic/rules.rs src/traffic/outcome.rs src/traffic/record.rs src/traffic/number.rs src/availability.rs"
tests[traffic]="--lib --test traffic --test bad_input --test tencent --test report --test api"
files[money]="src/money.rs src/money/fee.rs src/compensation.rs src/policy.rs"
tests[money]="--lib --test compensation --test compensation_properties --test bad_input --test report --test claim"
files[calendar]="src/calendar.rs src/calendar/china.rs src/claim.rs"
tests[calendar]="--lib --test claim --test bad_input"
files[assess]="src/assess.rs src/assess/report.rs src/assess/chart.rs"
tests[assess]="--lib --test report --test bad_input --test api"
files[tencent]="src/tencent.rs src/tencent/codes.rs src/tencent/field.rs src/tencent/read.rs src/error.rs"
tests[tencent]="--lib --test tencent --test bad_input --test code_capacity --test report"
files[arrow]="src/arrow.rs"
tests[arrow]="--lib --test arrow"

groups=("$@")
[[ ${#groups[@]} -eq 0 ]] && groups=(term tally traffic money calendar assess tencent arrow)

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
    cargo mutants --all-features --jobs 2 --timeout 120 "${iterate[@]}" \
        --output "mutants.out/$group" "${file_args[@]}" \
        -- ${tests[$group]} || status=$?
    echo "=== $group: exit $status"
done
