(ns blog.feed
  (:require [clojure.string :as str]
            [clojure.java.io :as io]))

(defn slugify
  "Lower-case words joined by dashes."
  [title]
  (->> (str/split (str/lower-case title) #"[^a-z0-9]+")
       (remove str/blank?)
       (str/join "-")))

(defn recent-posts [posts n]
  (->> posts
       (remove :draft)
       (sort-by :date #(compare %2 %1))
       (take n)
       (map #(assoc % :slug (slugify (:title %))))))

(comment
  (recent-posts [{:title "Hello, World" :date "2024-01-02" :draft false}] 10))
