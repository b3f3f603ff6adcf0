import json,collections,sys
d=json.load(open(sys.argv[1])); pat=sys.argv[2]; depth=int(sys.argv[3]) if len(sys.argv)>3 else 6
fr=[f['name'] for f in d['shared']['frames']]
c=collections.Counter()
for p in d['profiles']:
    st=[];last=p['startValue']
    for e in p['events']:
        if st and e['at']>last:
            idx=[i for i,f in enumerate(st) if pat in fr[f]]
            if idx:
                i=idx[-1]
                c[tuple(fr[f].split('!')[-1][:100] for f in st[max(0,i-depth):i+2])]+=e['at']-last
        last=e['at']
        if e['type']=='O': st.append(e['frame'])
        else: st.pop()
for k,v in c.most_common(8):
    print(round(v)); [print('   ',x) for x in k]
