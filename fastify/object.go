package fastify

// Member is one key/value pair of an Object.
type Member struct {
	Key   string
	Value any
}

// Object is an ordered JSON object. Members is in JavaScript enumeration
// order: keys that are array indices ("0", "1", … up to 2³²−2) come first in
// ascending numeric order, then the other keys in insertion order. Set
// maintains that order. Code that edits Members directly must keep keys
// unique; the lookup index is rebuilt whenever the member count changes.
//
// An Object is not safe for concurrent mutation. Concurrent Get calls are
// safe only once the lookup index exists or for objects of at most
// indexThreshold members (Validator and Serializer prepare the objects they
// own at compile time).
type Object struct {
	Members []Member
	// Text, when set, is String(object) for an object that defines its own
	// toString: what fast-json-stringify writes for it under a string schema.
	Text    *string
	index   map[string]int // lazily built for big objects
	indexed int            // len(Members) when index was built
}

const indexThreshold = 12

// NewObject returns an empty Object with room for capacity members.
func NewObject(capacity int) *Object {
	return &Object{Members: make([]Member, 0, capacity)}
}

// Len reports the number of members.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.Members)
}

func (o *Object) find(key string) int {
	if len(o.Members) <= indexThreshold {
		for i := range o.Members {
			if o.Members[i].Key == key {
				return i
			}
		}
		return -1
	}
	if o.index == nil || o.indexed != len(o.Members) {
		o.buildIndex()
	}
	i, ok := o.index[key]
	if !ok {
		return -1
	}
	if i < len(o.Members) && o.Members[i].Key == key {
		return i
	}
	o.buildIndex()
	if i, ok := o.index[key]; ok {
		return i
	}
	return -1
}

func (o *Object) buildIndex() {
	if len(o.Members) <= indexThreshold {
		o.index = nil
		return
	}
	m := make(map[string]int, len(o.Members))
	for i := range o.Members {
		m[o.Members[i].Key] = i
	}
	o.index = m
	o.indexed = len(o.Members)
}

// Get returns the value stored under key.
func (o *Object) Get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	i := o.find(key)
	if i < 0 {
		return nil, false
	}
	return o.Members[i].Value, true
}

// Set replaces the value of key in place, or adds the key at its
// JavaScript enumeration position (the end, or among the leading array-index
// keys).
func (o *Object) Set(key string, v any) {
	if i := o.find(key); i >= 0 {
		o.Members[i].Value = v
		return
	}
	idx, isIdx := arrayIndex(key)
	if !isIdx || len(o.Members) == 0 {
		o.append(key, v)
		return
	}
	// Find the insertion point among the leading index keys.
	pos := len(o.Members)
	for i := range o.Members {
		k, ok := arrayIndex(o.Members[i].Key)
		if !ok || k > idx {
			pos = i
			break
		}
	}
	if pos == len(o.Members) {
		o.append(key, v)
		return
	}
	o.Members = append(o.Members, Member{})
	copy(o.Members[pos+1:], o.Members[pos:])
	o.Members[pos] = Member{Key: key, Value: v}
	o.index = nil
}

func (o *Object) append(key string, v any) {
	o.Members = append(o.Members, Member{Key: key, Value: v})
	if o.index != nil && o.indexed == len(o.Members)-1 {
		o.index[key] = len(o.Members) - 1
		o.indexed++
	}
}

// Delete removes key and reports whether it was present.
func (o *Object) Delete(key string) bool {
	if o == nil {
		return false
	}
	i := o.find(key)
	if i < 0 {
		return false
	}
	o.Members = append(o.Members[:i], o.Members[i+1:]...)
	o.index = nil
	return true
}

// arrayIndex reports whether key is a canonical array index (what V8
// enumerates before other keys) and its value.
func arrayIndex(key string) (uint32, bool) {
	n := len(key)
	if n == 0 || n > 10 {
		return 0, false
	}
	if key[0] == '0' {
		return 0, n == 1
	}
	var v uint64
	for i := 0; i < n; i++ {
		c := key[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if v > 4294967294 {
		return 0, false
	}
	return uint32(v), true
}

// prepareShared builds lookup indexes in every object reachable from v so
// that later concurrent reads never write.
func prepareShared(v any) {
	switch x := v.(type) {
	case *Object:
		x.buildIndex()
		for i := range x.Members {
			prepareShared(x.Members[i].Value)
		}
	case []any:
		for _, e := range x {
			prepareShared(e)
		}
	}
}

// deepCopy copies the JSON structure of v (objects and arrays).
func deepCopy(v any) any {
	switch x := v.(type) {
	case *Object:
		o := &Object{Members: make([]Member, len(x.Members))}
		for i, m := range x.Members {
			o.Members[i] = Member{Key: m.Key, Value: deepCopy(m.Value)}
		}
		return o
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}
