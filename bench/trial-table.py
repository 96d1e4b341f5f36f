#!/usr/bin/env python3
"""Rows of the README's comparison table from trial CSVs (`evaluate --trials`), several runs' files joined with '+':
   bench/trial-table.py "NAME=a.csv+b.csv=PAPER NOTE" ...
Overall mTRE mean / median, mPD, MAE, success and gross-failure rates, worst case, and per-stage time median / p95
(nearest rank), as evaluate's own table computes them for one run."""
import csv, math, sys
def load(*files):
    rows=[]
    for f in files:
        rows += list(csv.DictReader(open(f)))
    return rows
def med(v):
    s=sorted(v); n=len(s); return s[n//2] if n%2 else (s[n//2-1]+s[n//2])/2
def p95(v):
    s=sorted(v); return s[max(0,math.ceil(0.95*len(s))-1)]
def row(name, rows, paper=''):
    t=[float(r['mtre_mm']) for r in rows]; n=len(t)
    pd=sum(float(r['mpd_mm']) for r in rows)/n; mae=sum(float(r['mae']) for r in rows)/n
    succ=100*sum(1 for x in t if x<2)/n; gross=100*sum(1 for x in t if x>10)/n
    if rows[0].get('refine_ms'):
        f=[float(r['first_ms']) for r in rows]; g=[float(r['refine_ms']) for r in rows]
        times='%.0f / %.0f | %.0f / %.0f'%(med(f),p95(f),med(g),p95(g))
    else:
        f=[float(r['time_ms']) for r in rows]; times='%.0f / %.0f | –'%(med(f),p95(f))
    return '| %s | %d | %.2f / %.2f | %.2f | %.4f | %.1f %% | %.1f %% | %.2f | %s | %s |'%(name,n,sum(t)/n,med(t),pd,mae,succ,gross,max(t),times,paper)
print('| | n | mTRE mean / median mm | mPD mm | MAE | success (< 2 mm) | gross (> 10 mm) | worst mm | network ms median / p95 | refinement ms median / p95 | paper (its mTRE = our mPD) |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for spec in sys.argv[1:]:
    name, files, paper = spec.split('=')
    print(row(name, load(*files.split('+')), paper))
