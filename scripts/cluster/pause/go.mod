module weft.local/pause

go 1.24
