#include <stdio.h>
#include <stdlib.h>
#define MAX(a, b) ((a) > (b) ? (a) : (b))

typedef struct {
    int id;
    double weight;
} Item;

/* Sum the weights of n items. */
static double total(const Item *items, size_t n) {
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum += items[i].weight;
    }
    return sum;
}

int main(void) {
    Item *items = malloc(3 * sizeof(Item));
    if (items == NULL) return 1;
    printf("total: %.2f (%d items)\n", total(items, 3), 3);
    free(items);
    return 0;
}
