package similarity

import (
	"fmt"
	"sync"
	"testing"
)

func TestConcurrentPutAndSimilar(t *testing.T) {
	ix := sampleIndex()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				if g%2 == 0 {
					ix.Put(fmt.Sprint("p", g, i%20), fmt.Sprint("o", g), i%3 != 0, Text{Title: fmt.Sprint("missed bin ", i)})
				} else {
					ix.Similar(Query{Text: Text{Title: "missed bin"}, Limit: 5, PrivateOf: "o0"})
				}
			}
		}(g)
	}
	wg.Wait()
}
