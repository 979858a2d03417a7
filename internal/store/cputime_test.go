package store_test

import "github.com/ally-dev/ally/internal/cputime"

// cpuTime is the CPU time this process has used (see package cputime).
var cpuTime = cputime.Process
