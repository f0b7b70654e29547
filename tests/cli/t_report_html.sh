# srmgap report --format html and --format markdown on the fixture
# assessment (scores worked out in t_score.sh, gap order in t_report.sh:
# D-1, A-2, D-2, A-3), --template with a user's copy, template errors
# with their line and column, and the verdicts, evidence dates, carried
# answers and sign-off that only these formats show in full.

setup acme acme.csv --org "Acme Ltd" --assessor "Jo Smith"
hash=$SNAPSHOT

# The ids the gap list links to, in order.
gap_order() {
	grep -o 'class="cid" href="#c-[^"]*"' "$CAP/stdout" |
		sed 's/.*#c-//; s/"$//' | tr '\n' ' '
}

run report acme --as-of 2025-03-01 --format html
expect_exit 0
expect_stderr_empty
check "the page starts with its doctype" \
	grep -qx '<!DOCTYPE html>' <(head -n 1 "$CAP/stdout")
expect_stdout_contains '<title>Gap report: acme (Acme Ltd)</title>'
expect_stdout_contains "<div><dt>Snapshot</dt><dd><code>$hash</code></dd></div>"
expect_stdout_contains '<text class="ring-value" x="60" y="61" text-anchor="middle" dominant-baseline="middle" font-size="23" font-weight="700">54.7%</text>'
expect_stdout_contains '0 of 5 controls reviewed by an auditor'
# The matrix: Cloud Co's duties, the customer's column by status.
expect_stdout_contains '<th scope="col" class="party provider">Cloud Co<span class="role">provider</span></th><th scope="col" class="party customer">Customer<span class="role">customer</span></th>'
expect_stdout_contains '<td class="cust st-partial"><div class="cust-status"><span class="badge st-partial">partly met</span> <span class="cust-score">79.5%</span> <span class="cust-counts">1 met, 2 partial</span></div><div class="duty">Turns MFA on and reviews who has access.</div></td>'
expect_stdout_contains '<td class="cust st-not-met"><div class="cust-status"><span class="badge st-not-met">not met</span> <span class="cust-score">0.0%</span> <span class="cust-counts">1 not met, 1 unanswered</span></div>'
expect_stdout_contains '<tr><th scope="row" class="area">Infrastructure</th><td class="duty">Runs the data centres and the network.</td><td class="cust st-inherited">'
check "gaps in priority order" test "$(gap_order)" = "D-1 A-2 D-2 A-3 "
expect_stdout_contains 'Only admins were reviewed'
expect_stdout_contains '<div class="note">=HYPERLINK(&quot;http://x.example&quot;,&quot;click&quot;)</div>'
expect_stdout_contains '<span class="evidence">review-2025.xlsx, signed</span>'
expect_stdout_contains '<section id="controls">'
check "no script, no external resource" \
	bash -c '! grep -Eiq "<script|src=\"|href=\"http|url\(|@import|<link" "$1"' _ "$CAP/stdout"
cp "$CAP/stdout" stdout.html

# -o writes the same page; --gaps-only drops the list of all controls.
run report acme --as-of 2025-03-01 --format html -o acme.html
expect_exit 0
expect_stdout_empty
expect_file_same stdout.html acme.html
run report acme --as-of 2025-03-01 --format html --gaps-only
expect_exit 0
check "--gaps-only has no list of all controls" \
	bash -c '! grep -q "id=\"controls\"" "$1"' _ "$CAP/stdout"
expect_stdout_contains '<ol class="gaps">'
check "--gaps-only links to no control it left out" \
	bash -c '! grep -q "href=\"#c-" "$1"' _ "$CAP/stdout"

# --fail-under applies to every format, and the page is still written.
run report acme --as-of 2025-03-01 --format html -o gate.html --fail-under 60
expect_exit 3
expect_stderr <<'EOF'
srmgap: overall score 54.7% is below --fail-under 60%
EOF
check "the gated report is written" grep -q '54.7%' gate.html

# Markdown: the same content as GitHub tables.
run report acme --as-of 2025-03-01 --format markdown
expect_exit 0
expect_stderr_empty
check "the Markdown report starts with its title" \
	grep -qx '# Gap report: acme (Acme Ltd)' <(head -n 1 "$CAP/stdout")
expect_stdout_contains '| Self-assessed | **54.7%** | the customer'"'"'s own answers |'
expect_stdout_contains '| Area | Cloud Co (provider) | Customer (customer) |'
expect_stdout_contains '| **Access** | Provides single sign-on and MFA features. | 🟨 **partly met** 79.5% (1 met, 2 partial)<br>Turns MFA on and reviews who has access. |'
expect_stdout_contains '| **Infrastructure** | Runs the data centres and the network. | ⬜ **providers** (no customer controls) |'
expect_stdout_contains '| Access | 79.5% | `████████████████░░░░` |'
check "Markdown gaps in priority order" test \
	"$(grep -o '^### [0-9]*\. [A-Z]-[0-9]' "$CAP/stdout" | tr '\n' ' ')" = \
	"### 1. D-1 ### 2. A-2 ### 3. D-2 ### 4. A-3 "
expect_stdout_contains '- **A-2.1** Are access reviews done? → **partial** (50.0%)<br>Evidence: review-2025.xlsx, signed<br>Note: Only admins were reviewed'
expect_stdout_contains '| **D-2.2** Are backups kept off-site? | **no** (0.0%) | Note: =HYPERLINK("http://x.example","click") |'
check "no HTML tag from the data in Markdown" \
	bash -c '! grep -Eiq "<(script|img|a |i>)" "$1"' _ "$CAP/stdout"

# A user's copy of a template: any wording, the values escaped.
cat >mine.md <<'EOF'
{{! my template }}
Report for {{assessment}} ({{org}}): {{score}}, {{gap_count}} gaps.
{{#signed_by}}Signed by {{signed_by}}.{{/signed_by}}{{^signed_by}}Draft.{{/signed_by}}
\{{literal}}
EOF
run report acme --as-of 2025-03-01 --format markdown --template mine.md
expect_exit 0
expect_stderr_empty
expect_stdout <<'EOF'
Report for acme (Acme Ltd): 54.7%, 4 gaps.
Draft.
{{literal}}
EOF
printf '<b>{{org}}</b>\n' >mine.html
run new evil --model mini --org '<script>alert("x")</script> & Co' "${CATALOG[@]}"
run report evil --format html --template mine.html
expect_exit 0
expect_stdout <<'EOF'
<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</b>
EOF

# Template errors name the file, line and column, before anything is
# written (exit 2).
printf '<html>\n<h1>{{titel}}</h1>\n' >bad.html
run report acme --format html --template bad.html -o out.html
expect_exit 2
expect_stdout_empty
expect_stderr <<'EOF'
srmgap: bad.html:2:5: unknown placeholder 'titel' (reports/README.md lists them)
EOF
expect_no_file out.html
printf 'ok\n{{#gaps}}\nx {{/signoff}}\n' >bad.md
run report acme --format markdown --template bad.md
expect_exit 2
expect_stderr <<'EOF'
srmgap: bad.md:3:3: '{{/signoff}}' does not close section 'gaps' (opened at line 2, column 1)
EOF
printf 'a {{org\n' >bad2.md
run report acme --format markdown --template bad2.md
expect_exit 2
expect_stderr <<'EOF'
srmgap: bad2.md:1:3: unterminated placeholder: '{{' without '}}' on its line
EOF
run report acme --format html --template no-such.html
expect_exit 2
expect_stderr <<'EOF'
srmgap: no-such.html: cannot open: No such file or directory
EOF
run report acme --format csv --template mine.html
expect_exit 2
expect_stderr <<'EOF'
srmgap: report: --template applies to the html and markdown formats, not csv
EOF
run report acme --format pdf
expect_exit 2
expect_stderr_contains "srmgap: report: unknown format 'pdf' (expected text, csv, html"

# Evidence dates, answers carried over, verdicts and the sign-off.
cat >dated.csv <<'EOF'
question,answer,evidence,evidence_date
A-1.1,yes,idp-policy.pdf,2025-02-01
EOF
run import acme dated.csv
expect_exit 0
run new acme-2 --from acme
expect_exit 0
run review acme-2 A-2 --verdict needs-evidence --comment 'Only <admins>, "no" export' --auditor "Ann Audit"
expect_exit 0
run review acme-2 A-1 --verdict verified --auditor "Ann Audit"
expect_exit 0
run report acme-2 --as-of 2025-03-01 --format html
expect_exit 0
expect_stdout_contains '<span class="evidence">idp-policy.pdf</span> <span class="asof">as of 2025-02-01</span> <span class="badge carried">carried over from acme</span>'
expect_stdout_contains '<dt>Carried over</dt><dd>9 answers from acme, not yet confirmed</dd>'
expect_stdout_contains '<span class="badge v-needs-evidence">needs evidence</span> <span class="comment">Only &lt;admins&gt;, &quot;no&quot; export</span> <span class="by">Ann Audit, '
expect_stdout_contains '2 of 5 controls reviewed by an auditor'
expect_stdout_contains '<span class="badge draft">draft</span> not signed off'
run signoff acme-2 --auditor "Ann Audit" --statement 'Reviewed <all> evidence'
expect_exit 0
seal=$(sed -n 's/^seal //p' "$CAP/stdout")
run report acme-2 --as-of 2025-03-01 --format html
expect_exit 0
expect_stdout_contains '<section id="signoff">'
expect_stdout_contains '<p class="signed">Signed off by <strong>Ann Audit</strong> on <time datetime="'
expect_stdout_contains '<blockquote class="statement">Reviewed &lt;all&gt; evidence</blockquote>'
expect_stdout_contains "<code>$seal</code>"
run report acme-2 --as-of 2025-03-01 --format markdown
expect_exit 0
expect_stdout_contains '> **Auditor:** needs evidence: Only &lt;admins&gt;, "no" export (Ann Audit, '
expect_stdout_contains "**Seal:** $seal"
expect_stdout_contains '> Reviewed &lt;all&gt; evidence'
expect_stdout_contains '(as of 2025-02-01) *carried over from acme*'

# A verdict is on the answers it was given on: when one of them changes,
# the verdict is outdated. It is still shown, marked next to it, and the
# verified figure counts it apart from the controls reviewed.
setup stale acme.csv
run review stale A-1 --verdict verified --comment 'checked <ok>' --auditor Eve
expect_exit 0
run review stale A-2 --verdict needs-evidence --auditor Eve
expect_exit 0
run report stale --as-of 2025-03-01 --format html
expect_exit 0
expect_stdout_contains '<figcaption><strong>Verified</strong><span>2 of 5 controls reviewed by an auditor</span></figcaption>'
check "no verdict is outdated yet" \
	bash -c '! grep -q "class=\"outdated\"\|badge v-outdated\|, [0-9]* outdated" "$1"' _ "$CAP/stdout"
printf 'question,answer\nA-1.2,sms\n' >change.csv
run import stale change.csv
expect_exit 0
run report stale --as-of 2025-03-01 --format html
expect_exit 0
expect_stderr_empty
expect_stdout_contains '<figcaption><strong>Verified</strong><span>1 of 5 controls reviewed by an auditor, 1 outdated</span></figcaption>'
expect_stdout_contains '<div class="review v-verified outdated"><span class="review-label">Auditor:</span> <span class="badge v-verified">verified</span> · <span class="outdated">outdated: the answers changed since</span> <span class="comment">checked &lt;ok&gt;</span> <span class="by">Eve, '
expect_stdout_contains '<span class="badge st-partial">partial 60.0%</span> <span class="badge v-verified">verified</span> <span class="badge v-outdated">outdated</span></span></div>'
expect_stdout_contains '<div class="review v-needs-evidence"><span class="review-label">Auditor:</span> <span class="badge v-needs-evidence">needs evidence</span> <span class="by">Eve, '
run report stale --as-of 2025-03-01 --format markdown
expect_exit 0
expect_stdout_contains '| Verified | **0.0%** | 1 of 5 controls reviewed by an auditor, 1 outdated |'
expect_stdout_contains '> **Auditor:** verified · *outdated: the answers changed since*: checked &lt;ok&gt; (Eve, '
expect_stdout_contains '**critical** · **partial 60.0%** · auditor: **verified** (outdated) · owner: customer'
expect_stdout_contains '> **Auditor:** needs evidence (Eve, '
# A template of one's own has the count too.
printf '{{reviewed}} reviewed{{#outdated}}, {{outdated}} outdated{{/outdated}}\n' >count.md
run report stale --format markdown --template count.md
expect_exit 0
expect_stdout <<'EOF2'
1 reviewed, 1 outdated
EOF2
# Given again, the verdict is current.
run review stale A-1 --verdict verified --auditor Eve
expect_exit 0
run report stale --as-of 2025-03-01 --format html
expect_exit 0
expect_stdout_contains '<span>2 of 5 controls reviewed by an auditor</span>'
check "the verdict given again is not outdated" \
	bash -c '! grep -q "class=\"outdated\"\|badge v-outdated" "$1"' _ "$CAP/stdout"
run report stale --format markdown --template count.md
expect_stdout <<'EOF2'
2 reviewed
EOF2
