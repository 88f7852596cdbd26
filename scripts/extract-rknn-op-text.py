#!/usr/bin/env python3
"""
Prints the text of Rockchip's "RKNN Compiler Support Operator List" PDF (airockchip/rknn-toolkit2,
doc/05_RKNN_Compiler_Support_Operator_List_V2.3.2.pdf) one text line per row, so the NPU op names of
chapter 3.2 (RK3588) and their parameter ranges ("kernel_h∈[1,31]") can be read and checked against
src/engine/deploy/placement/rknn.ts. No PDF library is needed: the file's page streams are zlib
(FlateDecode); Latin text is in a CID font whose glyph ids are the ASCII codes minus 31 (Chinese
glyphs print as '?'), and the ranges are in TeX math fonts written as literal strings (F9 '2' is ∈,
F8 ';' is a comma).

Usage: git --git-dir <rknn-toolkit2 git dir> show HEAD:doc/05_RKNN_Compiler_Support_Operator_List_V2.3.2.pdf > ops.pdf
       python3 scripts/extract-rknn-op-text.py ops.pdf > ops.txt
"""
import re
import sys
import zlib


def hexdec(h):
    return ''.join(chr(int(h[i:i + 4], 16) + 31) if 32 <= int(h[i:i + 4], 16) + 31 < 127 else '?'
                   for i in range(0, len(h), 4))


def litdec(body, font):
    parts = []
    for m in re.finditer(rb'\(((?:\\.|[^\\)])*)\)|(-?[\d.]+)', body):
        if m.group(1) is not None:
            s = m.group(1).decode('latin1').replace('\\(', '(').replace('\\)', ')').replace('\\\\', '\\')
            if font == 'F9':
                s = s.replace('2', '∈')
            if font == 'F8':
                s = s.replace(';', ',')
            parts.append(s)
        elif float(m.group(2)) < -200:
            parts.append(' ')
    return ''.join(parts)


def main():
    data = open(sys.argv[1], 'rb').read()
    for raw in re.findall(rb'stream\r?\n(.*?)\r?\nendstream', data, re.S):
        try:
            page = zlib.decompress(raw)
        except zlib.error:
            continue
        for bt in re.findall(rb'BT(.*?)ET', page, re.S):
            font, line = None, []
            for m in re.finditer(rb'/(F\d+) [\d.]+ Tf|\[(.*?)\]\s*TJ', bt, re.S):
                if m.group(1):
                    font = m.group(1).decode()
                elif b'<' in m.group(2):
                    line.append(''.join(hexdec(h.decode()) for h in re.findall(rb'<([0-9a-fA-F]+)>', m.group(2))))
                else:
                    line.append(litdec(m.group(2), font))
            text = ''.join(line).strip()
            if text and set(text) - set('.?'):
                print(text)


if __name__ == '__main__':
    main()
