module faultline/targets/godash

go 1.19
