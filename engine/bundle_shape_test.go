package engine

import (
	"context"
	"testing"
)

// TestBundleShapes loads both shapes of bundle a store may hold: the
// current one (a generated entry assigns {default}) and the one earlier
// versions stored (the IIFE assigned the whole module namespace, with
// esbuild's export getters), and the current shape without a default.
func TestBundleShapes(t *testing.T) {
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	cases := map[string]string{
		"current":   `(()=>{var e={},o=()=>({pong:"current"});function t(){return[e,o]}globalThis.__tarsus_mod=t===void 0?{}:{default:t};})();`,
		"namespace": `var __tarsus_mod=(()=>{var n=Object.defineProperty;var p=Object.getOwnPropertyDescriptor;var i=Object.getOwnPropertyNames;var u=Object.prototype.hasOwnProperty;var a=(e,t)=>{for(var r in t)n(e,r,{get:t[r],enumerable:!0})},y=(e,t,r,s)=>{if(t&&typeof t=="object"||typeof t=="function")for(let o of i(t))!u.call(e,o)&&o!==r&&n(e,o,{get:()=>t[o],enumerable:!(s=p(t,o))||s.enumerable});return e};var d=e=>y(n({},"__esModule",{value:!0}),e);var l={};a(l,{default:()=>R});var f={},h=(e,t)=>({pong:"namespace"});function R(){return[f,h]}return d(l);})();`,
	}
	for name, code := range cases {
		fn, err := e.Compile(context.Background(), Source{Path: name + ".ts", Route: name, URL: "/u/" + name, Code: []byte(code), Hash: name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil || string(resp.Body) != `{"pong":"`+name+`"}` {
			t.Errorf("%s: %v %+v", name, err, resp)
		}
	}
	_, err = e.Compile(context.Background(), Source{Path: "nodefault.ts", Route: "nodefault", URL: "/u/nodefault",
		Code: []byte(`(()=>{globalThis.__tarsus_mod=void 0===void 0?{}:{default:void 0};})();`)})
	if se, ok := err.(*SourceError); !ok || se.Code != "TARSUS_CONTRACT" {
		t.Errorf("no default export: %v", err)
	}
}
