#!/usr/bin/env python3
"""The baseline a user would otherwise write: parse ALB access logs with the regular expression AWS publishes
for Athena, and count the 502s by elb_status_code and target_status_code.

The pattern is the `input.regex` of the CREATE TABLE statement in the Amazon Athena User Guide, "Create the table
for ALB access logs" (https://docs.aws.amazon.com/athena/latest/ug/create-alb-access-logs-table.html): the 2024
version with classification and classification_reason, plus the optional conn_trace_id group and the catch-all
tail the current page appends for newer fields. Athena's RegexSerDe requires the whole line to match (Java
Matcher.matches), hence fullmatch. Lines that do not match count as unparsed, as Athena would return NULL rows.

Usage: athena_regex.py FILE...   (.gz files are decompressed with Python's gzip module, as a user would)
Prints one JSON object: lines, matched, unmatched, http502 (elb_status_code 502), by target_status_code.
"""
import gzip
import json
import re
import sys

# Groups: 1 type, 2 time, 3 elb, 4 client_ip, 5 client_port, 6 target_ip, 7 target_port,
# 8-10 request/target/response processing times, 11 elb_status_code, 12 target_status_code, 13 received_bytes,
# 14 sent_bytes, 15-17 request verb/url/proto, 18 user_agent, 19 ssl_cipher, 20 ssl_protocol, 21 target_group_arn,
# 22 trace_id, 23 domain_name, 24 chosen_cert_arn, 25 matched_rule_priority, 26 request_creation_time,
# 27 actions_executed, 28 redirect_url, 29 lambda_error_reason, 30 target_port_list, 31 target_status_code_list,
# 32 classification, 33 classification_reason, 34 conn_trace_id, 35 anything newer.
ATHENA_ALB_REGEX = (
    r'([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*) (|[-0-9]*) '
    r'(-|[-0-9]*) ([-0-9]*) ([-0-9]*) \"([^ ]*) (.*) (- |[^ ]*)\" \"([^\"]*)\" ([A-Z0-9-_]+) ([A-Za-z0-9.-]*) '
    r'([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" ([-.0-9]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^ ]*)\" '
    r'\"([^\s]+?)\" \"([^\s]+)\" \"([^ ]*)\" \"([^ ]*)\" ?([^ ]*)?( .*)?'
)


def main(paths):
    pattern = re.compile(ATHENA_ALB_REGEX)
    lines = matched = http502 = 0
    by_target_status = {}
    for path in paths:
        with open(path, 'rb') as probe:
            gzipped = probe.read(2) == b'\x1f\x8b'
        opener = gzip.open if gzipped else open
        with opener(path, 'rt', encoding='utf-8', errors='replace', newline='\n') as f:
            for line in f:
                lines += 1
                m = pattern.fullmatch(line.rstrip('\r\n'))
                if m is None:
                    continue
                matched += 1
                if m.group(11) == '502':
                    http502 += 1
                    target_status = m.group(12)
                    by_target_status[target_status] = by_target_status.get(target_status, 0) + 1
    json.dump({'lines': lines, 'matched': matched, 'unmatched': lines - matched, 'http502': http502,
               'http502ByTargetStatus': dict(sorted(by_target_status.items()))}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: athena_regex.py FILE...')
    main(sys.argv[1:])
