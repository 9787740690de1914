#!/usr/bin/env python3
"""Wraps every .cs line (and the tags of .razor lines) longer than the limit, touching no other line.

Idempotent: a second run changes nothing. The house's style, not a formatter's: a statement breaks after a comma or before
an operator or a chained call, at the shallowest nesting it can, and its continuation is indented four spaces more;
comments wrap at a word; a long string literal is split in two joined by `+`; SQL in a raw string literal wraps at a
space outside its quotes. What it cannot wrap it lists on standard error (exit 0): those lines want a person.
Usage: wrap-long-lines.py [--check] [--limit 160] [--changed-list FILE] [paths…] (default: src tests).
build/wrap-long-lines.sh runs it, then dotnet format whitespace on the files it changed.
"""
import os
import re
import sys

LIMIT = 160
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|JOIN|LEFT|INNER|CROSS|AND|OR|ON|VALUES|SET|ORDER|GROUP|HAVING|CREATE|WITH|MERGE"
                       r"|WHEN|THEN|ELSE|CASE|OUTPUT|UNION|LIMIT|OFFSET|EXISTS|NOT|IF|BEGIN|END|DECLARE|USING|\(|\))\b", re.IGNORECASE)


def lex(text):
    """One class a character: 'c' code, 's' string (literal text), 'm' comment; holes of interpolated strings are code.

    Also returns, per character, the code nesting depth and, per position, what kind of string it is in
    ('r' regular, 'v' verbatim, 'R' raw; '' outside), and whether that string is interpolated.
    """
    n = len(text)
    cls = ['c'] * n
    depth = [0] * n
    kind = [''] * n
    interp = [False] * n
    raw_q = [0] * n
    owner = [-1] * n
    # stack of frames: ('code', brace_depth, parens) or ('str', kind, quotes, dollars)
    stack = [['code', 0]]
    d = 0
    i = 0
    while i < n:
        top = stack[-1]
        ch = text[i]
        if top[0] == 'code':
            if text.startswith('//', i):
                j = text.find('\n', i)
                j = n if j < 0 else j
                for k in range(i, j):
                    cls[k] = 'm'
                    depth[k] = d
                i = j
                continue
            if text.startswith('/*', i):
                j = text.find('*/', i + 2)
                j = n if j < 0 else j + 2
                for k in range(i, j):
                    cls[k] = 'm'
                    depth[k] = d
                i = j
                continue
            if ch == "'":
                j = i + 1
                while j < n and text[j] != "'":
                    j += 2 if text[j] == '\\' else 1
                for k in range(i, min(j + 1, n)):
                    cls[k] = 's'
                    kind[k] = 'r'
                    depth[k] = d
                i = j + 1
                continue
            m = re.match(r'(\$*)(@?)(\$*)("+)', text[i:i + 12]) if ch in '$@"' else None
            if m and (m.group(4)) and (ch == '"' or m.group(1) or m.group(2) or m.group(3)):
                dollars = len(m.group(1)) + len(m.group(3))
                quotes = len(m.group(4))
                start = i
                if quotes >= 3:
                    skind = 'R'
                elif m.group(2):
                    skind = 'v'
                    quotes = 1
                else:
                    skind = 'r'
                    quotes = 1
                if quotes == 2 and skind != 'R':
                    pass
                end_prefix = i + len(m.group(1)) + len(m.group(2)) + len(m.group(3)) + (quotes if skind == 'R' else 1)
                if skind != 'R' and len(m.group(4)) == 2:
                    # an empty string ""
                    end_prefix = i + len(m.group(1)) + len(m.group(2)) + len(m.group(3)) + 2
                    for k in range(start, end_prefix):
                        cls[k] = 's'
                        kind[k] = skind
                        depth[k] = d
                    i = end_prefix
                    continue
                for k in range(start, end_prefix):
                    cls[k] = 's'
                    kind[k] = skind
                    interp[k] = dollars > 0
                    raw_q[k] = quotes
                    depth[k] = d
                    owner[k] = start
                stack.append(['str', skind, quotes, dollars, start])
                i = end_prefix
                continue
            if ch in '([{':
                if ch == '{':
                    top[1] += 1
                d += 1
                depth[i] = d
                i += 1
                continue
            if ch in ')]}':
                if ch == '}':
                    if top[1] == 0 and len(stack) > 1:
                        # end of an interpolation hole
                        stack.pop()
                        d -= 1
                        cls[i] = 's'
                        s = stack[-1]
                        kind[i] = s[1]
                        interp[i] = True
                        depth[i] = d
                        i += 1
                        continue
                    top[1] -= 1
                depth[i] = d
                d -= 1
                i += 1
                continue
            depth[i] = d
            i += 1
            continue
        # inside a string
        _, skind, quotes, dollars, lit = top
        owner[i] = lit
        cls[i] = 's'
        kind[i] = skind
        interp[i] = dollars > 0
        raw_q[i] = quotes
        depth[i] = d
        if skind == 'r':
            if ch == '\\':
                if i + 1 < n:
                    cls[i + 1] = 's'
                    kind[i + 1] = skind
                    interp[i + 1] = dollars > 0
                    depth[i + 1] = d
                i += 2
                continue
            if ch == '"':
                stack.pop()
                i += 1
                continue
            if ch == '\n':
                stack.pop()  # unterminated: give up on this string
                i += 1
                continue
        elif skind == 'v':
            if ch == '"':
                if text.startswith('""', i):
                    cls[i + 1] = 's'
                    kind[i + 1] = skind
                    depth[i + 1] = d
                    i += 2
                    continue
                stack.pop()
                i += 1
                continue
        else:
            if text.startswith('"' * quotes, i):
                for k in range(i, i + quotes):
                    cls[k] = 's'
                    kind[k] = skind
                    depth[k] = d
                stack.pop()
                i += quotes
                continue
        if dollars > 0:
            braces = max(dollars, 1) if skind == 'R' else 1
            if skind != 'R' and text.startswith('{{', i):
                cls[i + 1] = 's'
                kind[i + 1] = skind
                depth[i + 1] = d
                i += 2
                continue
            if text.startswith('{' * braces, i):
                for k in range(i, i + braces):
                    cls[k] = 's'
                    kind[k] = skind
                    depth[k] = d
                d += 1
                stack.append(['code', 0])
                i += braces
                # a raw hole closes with as many braces: treat the extra ones as the code frame's own
                if braces > 1:
                    stack[-1][1] = braces - 1
                continue
        i += 1
    lex.owner = owner
    return cls, depth, kind, interp


def indent_of(line):
    return len(line) - len(line.lstrip(' '))


def wrap_comment(line, start, limit):
    """A line whose text from `start` is a // or /// comment: the words go on as many lines as they need."""
    body = line[start:]
    m = re.match(r'(///?\s?)', body)
    prefix = m.group(1) if m else '// '
    if not prefix.endswith(' '):
        prefix += ' '
    lead = ' ' * start
    words = body[len(m.group(1)):].split(' ') if m else body.split(' ')
    out, cur = [], lead + prefix.rstrip(' ') + ' '
    first = True
    for w in words:
        if w == '':
            continue
        candidate = cur + w if first or cur.endswith(' ') and cur.strip() in (prefix.strip(),) else cur + ' ' + w
        if cur.strip() == prefix.strip():
            candidate = cur + w
        if len(candidate) > limit and cur.strip() != prefix.strip():
            out.append(cur)
            cur = lead + prefix + w
        else:
            cur = candidate
        first = False
    out.append(cur)
    if any(len(o) > limit for o in out):
        return None
    return out


OPS_BEFORE = (' && ', ' || ', ' ?? ', ' ? ', ' : ', ' + ', ' - ', ' * ', ' == ', ' != ')


def candidates(line, off, cls, depth):
    """Break positions in a code line: (position where the new line starts, depth, keep-operator-flag)."""
    out = []
    L = len(line)
    brackets = []
    inner = [''] * L
    for j in range(L):
        if cls[off + j] == 'c':
            if line[j] in '([{':
                brackets.append(line[j])
            elif line[j] in ')]}' and brackets:
                brackets.pop()
        inner[j] = brackets[-1] if brackets else ''
    for j in range(1, L):
        g = off + j
        if cls[g] != 'c':
            continue
        ch = line[j]
        prev = line[j - 1]
        if prev == ',' and ch == ' ' and cls[g - 1] == 'c':
            out.append((j + 1, depth[g - 1], j))  # new line starts after the space; cut before the space
        elif ch == ' ' and line[j - 2:j] == '=>' and cls[g - 1] == 'c':
            out.append((j + 1, depth[g - 1] + 0.5, j))
        elif ch == ' ' and any(line.startswith(op, j) for op in OPS_BEFORE) and cls[g + 1] == 'c':
            if line.startswith(' : ', j) and not is_ternary_colon(line, j):
                continue
            out.append((j + 1, depth[g], j))
        elif ch == '.' and prev == ')' and re.match(r'\.[A-Z]\w*[(<]', line[j:]):
            out.append((j, depth[g] + 0.25, j))
    # a break inside an initializer's braces makes the formatter want one member a line: the last resort
    return [(a, b + (100 if inner[c] == '{' else 0) + (50 if in_generic(line, c) else 0), c) for a, b, c in out]


def in_generic(line, j):
    """A comma between a type's angle brackets (IRequestHandler<Request, Response>): a poor place to break."""
    k = line.rfind('<', 0, j)
    return k > 0 and line[k - 1].isalnum() and not any(ch in line[k:j] for ch in '()>=') and '>' in line[j:j + 80]


def is_ternary_colon(line, j):
    return line.rfind(' ? ', 0, j) >= 0


def wrap_code(line, limit, cont_indent):
    """Splits one code line (lexed on its own: it starts in code) into lines within the limit, or None."""
    pieces = []
    rest = line
    ind = ' ' * cont_indent
    while len(rest) > limit:
        cls, depth, kind, _ = lex(rest)
        cands = candidates(rest, 0, cls, depth)
        floor = indent_of(rest) + 12
        window = [c for c in cands if limit >= c[2] >= floor and len(rest) - c[0] > 8]
        if window:
            best = min(window, key=lambda c: (c[1], -c[2]))
            head, tail = rest[:best[2]].rstrip(), rest[best[0]:]
        else:
            split = split_string(rest, 0, cls, limit, kind)
            if split is None:
                return None
            head, tail = split
        pieces.append(head)
        rest = ind + tail.lstrip(' ')
    pieces.append(rest)
    return pieces if len(pieces) > 1 else None


def split_string(line, off, cls, limit, kind):
    """Splits a regular string literal that crosses the limit at a space inside it: "a b" becomes "a " + / "b"."""
    owner = lex.owner
    for j in range(limit - 4, indent_of(line) + 20, -1):
        if cls[off + j] != 's' or line[j] != ' ' or owner[off + j] < 0 or kind[off + j] != 'r':
            continue
        lit_start = owner[off + j] - off
        prefix = re.match(r'(\$?)"', line[lit_start:])
        if not prefix or line[j - 1] == '\\':
            continue
        if len(line) - j < 12:
            continue
        head = line[:j + 1] + '" +'
        if len(head) > limit:
            continue
        return head, prefix.group(1) + '"' + line[j + 1:]
    return None


def process(path, limit, check):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    lines = text.split('\n')
    if not any(len(l) > limit for l in lines):
        return 0, []
    is_razor = path.endswith('.razor')
    cls, depth, kind, _ = lex(text) if not is_razor else (None, None, None, None)
    in_code = razor_code_lines(lines) if is_razor else None
    out = []
    left = []
    changed = 0
    pos = 0
    raw_sql = False
    for idx, line in enumerate(lines):
        off = pos
        pos += len(line) + 1
        if len(line) <= limit:
            out.append(line)
            continue
        new = None
        if is_razor and in_code[idx]:
            new = wrap_code(line, limit, cont_for(line, lines, idx)) if not line.lstrip().startswith('//') else wrap_comment(line, indent_of(line), limit)
        elif is_razor:
            new = wrap_razor(line, limit)
        else:
            new = wrap_cs_line(line, off, cls, depth, kind, limit, lines, idx)
        if new is None:
            left.append(f'{path}:{idx + 1}: {len(line)} chars: {line.strip()[:150]}')
            out.append(line)
        else:
            changed += 1
            out.extend(new)
    if changed and not check:
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(out))
    return changed, left


def wrap_cs_line(line, off, cls, depth, kind, limit, lines, idx):
    first = indent_of(line)
    if first >= len(line):
        return None
    g0 = off + first
    if cls[g0] == 'm' and line[first:].startswith('//'):
        return wrap_comment(line, first, limit)
    if cls[g0] == 's' and kind[g0] == 'R':
        return wrap_sql(line, off, cls, limit, lines, idx)
    if cls[g0] != 'c' and not (cls[g0] == 's' and kind[g0] in ('r',)):
        return None
    # a trailing // comment: move it above when the code then fits
    for j in range(first, len(line)):
        if cls[off + j] == 'm' and line.startswith('//', j):
            code = line[:j].rstrip()
            comment = wrap_comment(' ' * first + line[j:], first, limit)
            if comment is None:
                return None
            if len(code) <= limit:
                return comment + [code]
            rest = wrap_code(code, limit, cont_for(line, lines, idx))
            return None if rest is None else comment + rest
    return wrap_code(line, limit, cont_for(line, lines, idx))


def cont_for(line, lines, idx):
    """A continuation's indent: four more than the statement's line, or the same as a continuation line's."""
    ind = indent_of(line)
    stripped = line.lstrip()
    if stripped.startswith(('.', '&&', '||', '??', '?', ':', '+')):
        return ind
    return ind + 4


def wrap_sql(line, off, cls, limit, lines, idx):
    """SQL inside a raw string literal: breaks at a space outside its quotes, the continuation two spaces deeper."""
    ind = indent_of(line)
    text = line[ind:]
    if not SQL_START.match(text) and not looks_like_sql_context(lines, idx):
        return None
    out = []
    rest = line
    while len(rest) > limit:
        inq = False
        best = -1
        comment = False
        braces = 0
        for j, ch in enumerate(rest):
            if ch == '{':
                braces += 1
            elif ch == '}':
                braces -= 1
            if ch == "'" and braces == 0:
                inq = not inq
            if not inq and rest.startswith('--', j):
                comment = True
            if j > limit:
                break
            if ch == ' ' and not inq and braces == 0 and j > ind + 20 and not rest[:j].endswith(' '):
                best = j
        if best < 0:
            return None
        head = rest[:best].rstrip()
        tail = rest[best + 1:].lstrip()
        cont = ' ' * (ind + 2)
        prefix = '-- ' if comment and '--' in head and not tail.startswith('--') else ''
        out.append(head)
        rest = cont + prefix + tail
    out.append(rest)
    return out


def looks_like_sql_context(lines, idx):
    for k in range(idx, max(idx - 40, -1), -1):
        if '"""' in lines[k]:
            return any(w in lines[k].lower() for w in ('sql', 'columns', 'select'))
    return False


def razor_code_lines(lines):
    """Which lines of a .razor file are C# of its @code (or @functions) block: from that line to the first '}' at column 0."""
    out = [False] * len(lines)
    inside = False
    for i, line in enumerate(lines):
        if inside and line.startswith('}'):
            inside = False
        elif inside:
            out[i] = True
        elif re.match(r'@(code|functions)\s*\{\s*$', line):
            inside = True
    return out


CELL_BREAK = re.compile(r'(</t[dh]>|<tr>)(?=<t[dh][ >])')


def wrap_razor(line, limit):
    """Markup: breaks inside a tag, between its attributes (never in text, where a line break could show)."""
    ind = indent_of(line)
    out = []
    rest = line
    while len(rest) > limit:
        best = -1
        in_tag = False
        quote = None
        paren = 0
        for j, ch in enumerate(rest):
            if j > limit:
                break
            if quote:
                if ch == quote:
                    quote = None
                elif ch == '(':
                    paren += 1
                elif ch == ')':
                    paren -= 1
                continue
            if ch == '<' and j + 1 < len(rest) and (rest[j + 1].isalpha()):
                in_tag = True
            elif ch == '>' and in_tag and paren == 0:
                in_tag = False
            elif in_tag and ch in '"\'' and paren == 0:
                quote = ch
            elif ch == '(':
                paren += 1
            elif ch == ')':
                paren -= 1
            elif ch == ' ' and in_tag and paren == 0 and quote is None and j > ind + 20 and rest[j + 1:j + 2] not in (' ', '=', '/', '>'):
                if re.match(r' [@\w:-]+(=|\s|/?>)', rest[j:]) and rest[j - 1] in '"\'':
                    best = j
        cells = [m.end() for m in CELL_BREAK.finditer(rest) if ind + 20 < m.end() <= limit]
        if cells and (best < 0 or cells[-1] > best or cells[-1] > ind + 60):
            out.append(rest[:cells[-1]])
            rest = ' ' * ind + rest[cells[-1]:]
            continue
        if best < 0:
            return None if not out else out + [rest]
        out.append(rest[:best].rstrip())
        tag_ind = ind + 4
        rest = ' ' * tag_ind + rest[best + 1:].lstrip()
    out.append(rest)
    return out


def main(argv):
    check = '--check' in argv
    limit = LIMIT
    args = [a for a in argv if a != '--check']
    changed_list = None
    if '--changed-list' in args:
        k = args.index('--changed-list')
        changed_list = args[k + 1]
        del args[k:k + 2]
    changed_files = []
    if '--limit' in args:
        k = args.index('--limit')
        limit = int(args[k + 1])
        del args[k:k + 2]
    roots = args or ['src', 'tests']
    total, left = 0, []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in ('bin', 'obj', 'node_modules')]
            for name in sorted(filenames):
                if name.endswith('.cs') or name.endswith('.razor'):
                    changed, rest = process(os.path.join(dirpath, name), limit, check)
                    total += changed
                    if changed and name.endswith('.cs'):
                        changed_files.append(os.path.join(dirpath, name))
                    left.extend(rest)
    if changed_list:
        with open(changed_list, 'w', encoding='utf-8') as f:
            f.write(''.join(p + '\n' for p in changed_files))
    for item in left:
        print(item, file=sys.stderr)
    print(f'{total} lines wrapped{" (check only)" if check else ""}, {len(left)} left for a person')
    return 1 if check and (total or left) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
