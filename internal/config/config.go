// Package config reads Ally's settings from flags and the environment into
// one Config that is passed down explicitly. It is the only package that
// looks at environment variables, and it does so through a getenv function
// so that tests control them.
package config

import (
	"errors"
	"path/filepath"
)

// Config is how this run of Ally is set up.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// Addr is where `ally serve` listens.
	Addr string
}

// DefaultAddr is where `ally serve` listens unless told otherwise: only
// this machine can reach it.
const DefaultAddr = "127.0.0.1:8080"

// Load builds the Config from flag values (empty when not given) and the
// environment: a flag wins over ALLY_DB / ALLY_ADDR, which win over the
// defaults.
func Load(getenv func(string) string, dbFlag, addrFlag string) (Config, error) {
	c := Config{DB: dbFlag, Addr: addrFlag}
	if c.DB == "" {
		c.DB = getenv("ALLY_DB")
	}
	if c.DB == "" {
		p, err := DefaultDBPath(getenv)
		if err != nil {
			return c, err
		}
		c.DB = p
	}
	if c.Addr == "" {
		c.Addr = getenv("ALLY_ADDR")
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	return c, nil
}

// DefaultDBPath is $XDG_DATA_HOME/ally/ally.db, else ~/.local/share/ally/ally.db.
func DefaultDBPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ally", "ally.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find a place for the database: set HOME, XDG_DATA_HOME or ALLY_DB, or pass --db")
	}
	return filepath.Join(home, ".local", "share", "ally", "ally.db"), nil
}
