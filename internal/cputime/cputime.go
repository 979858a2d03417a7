// Package cputime reads the CPU time the process has used. Benchmarks
// report it beside the elapsed time: on a machine shared with other work
// it grows with the work done far less than the elapsed time grows with
// the other processes' load.
package cputime
