// Package loadkit is what the load scripts (scripts/loadcenter,
// scripts/loadrequests) share: they load this machine only, and report
// its load beside their figures.
package loadkit

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
)

// Bases reads a comma-separated list of base URLs, each on this machine,
// without their trailing slash.
func Bases(urls string) ([]string, error) {
	var bases []string
	for _, u := range strings.Split(urls, ",") {
		u = strings.TrimRight(strings.TrimSpace(u), "/")
		if err := Loopback(u); err != nil {
			return nil, err
		}
		bases = append(bases, u)
	}
	return bases, nil
}

// Loopback refuses any target but this machine.
func Loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not a URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address: the load scripts only load this machine", raw)
}

// Loadavg is the machine's load average over 1, 5 and 15 minutes.
func Loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
