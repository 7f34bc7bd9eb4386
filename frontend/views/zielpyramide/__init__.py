"""Pages of the Zielpyramide: tree, Steckbriefe, forms, Zielsystem-Check, Excel."""
