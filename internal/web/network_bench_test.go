package web

import (
	"context"
	"testing"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// BenchmarkNetworkPage serves the network of 5,000 synthetic people
// (demo.Synthetic(5000, 1) on SQLite): the store's reads, the graph, its
// SVG, the list and the figures. The budget for the picture is 200 ms.
//
//	go test -run '^$' -bench NetworkPage -benchtime 10x ./internal/web/
func BenchmarkNetworkPage(b *testing.B) {
	db := storetest.SQLite(b)
	if _, err := db.Scope().LoadBulk(context.Background(), demo.Synthetic(5000, 1, storetest.Now), storetest.Now); err != nil {
		b.Fatal(err)
	}
	// The recorder's requests name example.com: the server is told it
	// lives there.
	s := newServer(Deps{Store: db.Store, Owner: db.Owner, Clock: method.FixedClock(storetest.Now), BaseURL: "http://example.com"})
	for _, tt := range []struct{ name, path string }{
		{"all", "/network"},
		{"field", "/network?field=2"},
		{"people-by-warmth", "/people?sort=warmth"},
	} {
		b.Run(tt.name, func(b *testing.B) { serve(b, s, tt.path, nil) })
	}
}
