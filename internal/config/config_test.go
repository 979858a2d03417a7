package config

import "testing"

func TestLoadPrecedence(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name             string
		env              map[string]string
		dbFlag, addrFlag string
		wantDB, wantAddr string
		wantErr          bool
	}{
		{"defaults under HOME", map[string]string{"HOME": "/home/ann"}, "", "", "/home/ann/.local/share/ally/ally.db", DefaultAddr, false},
		{"XDG data home", map[string]string{"HOME": "/home/ann", "XDG_DATA_HOME": "/data"}, "", "", "/data/ally/ally.db", DefaultAddr, false},
		{"relative XDG ignored", map[string]string{"HOME": "/home/ann", "XDG_DATA_HOME": "data"}, "", "", "/home/ann/.local/share/ally/ally.db", DefaultAddr, false},
		{"environment", map[string]string{"ALLY_DB": "postgres://x/y", "ALLY_ADDR": ":9000"}, "", "", "postgres://x/y", ":9000", false},
		{"flags win", map[string]string{"ALLY_DB": "env.db", "ALLY_ADDR": ":9000"}, "flag.db", ":7000", "flag.db", ":7000", false},
		{"nowhere to put the database", map[string]string{}, "", "", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(env(tt.env), tt.dbFlag, tt.addrFlag)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (c.DB != tt.wantDB || c.Addr != tt.wantAddr) {
				t.Fatalf("got %+v", c)
			}
		})
	}
}
