export default () => { const m = /(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/.exec('on 2024-03-15.'); return [m.groups, '2024-03-15'.replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, '$<d>/$<m>/$<y>')] }
